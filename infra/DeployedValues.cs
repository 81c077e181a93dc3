using ModelOps.Provisioning.Planning;
using Pulumi;

namespace ModelOps.Infra;

/// <summary>Supplies the plan's <see cref="DeployedValue"/>s from resource outputs and resolves <see cref="SettingValue"/>s with them.</summary>
internal sealed class DeployedValues
{
    private readonly Dictionary<DeployedValue, Output<string>> _values = [];

    public DeployedValues Add(DeployedValue key, Output<string> value)
    {
        _values[key] = value;
        return this;
    }

    public Output<string> Resolve(SettingValue value)
    {
        if (value.Literal is { } literal)
        {
            return Output.Create(literal);
        }

        if (value.Deployed is { } deployed)
        {
            return _values.TryGetValue(deployed, out var output)
                ? output.Apply(v => value.Prefix + v + value.Suffix)
                : throw new InvalidOperationException($"The plan uses {deployed} before the resource that supplies it is declared.");
        }

        throw new InvalidOperationException($"A secret reference ({value.SecretName}) is a container setting, not a value.");
    }
}
