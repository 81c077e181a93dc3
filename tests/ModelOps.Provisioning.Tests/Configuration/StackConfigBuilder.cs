using ModelOps.Provisioning.Configuration;

namespace ModelOps.Provisioning.Tests.Configuration;

/// <summary>Stack config as <c>pulumi config</c> would hold it: the required keys set, everything else at its default unless changed.</summary>
internal sealed class StackConfigBuilder
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal)
    {
        ["location"] = "swedencentral",
        ["adminKey"] = "set",
        ["apiKey"] = "set",
    };

    public string StackName { get; set; } = "dev";

    public StackConfigBuilder With(string key, string? value)
    {
        _values[key] = value;
        return this;
    }

    public StackConfig Parse() => StackConfig.Parse(StackName, key => _values.GetValueOrDefault(key.Name));

    public StackConfigException Refused() => Assert.Throws<StackConfigException>(Parse);
}
