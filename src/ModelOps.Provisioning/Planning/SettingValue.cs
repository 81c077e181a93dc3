namespace ModelOps.Provisioning.Planning;

/// <summary>
/// The value of an app setting or container environment variable: a literal, a <see cref="DeployedValue"/> between a
/// prefix and a suffix, or (containers only) a reference to one of the container app's secrets.
/// </summary>
public sealed record SettingValue
{
    private SettingValue(string? literal, DeployedValue? deployed, string prefix, string suffix, string? secretName)
    {
        Literal = literal;
        Deployed = deployed;
        Prefix = prefix;
        Suffix = suffix;
        SecretName = secretName;
    }

    public string? Literal { get; }
    public DeployedValue? Deployed { get; }
    public string Prefix { get; }
    public string Suffix { get; }
    public string? SecretName { get; }

    public static SettingValue Of(string literal) => new(literal, null, "", "", null);

    public static SettingValue Of(DeployedValue value, string prefix = "", string suffix = "") => new(null, value, prefix, suffix, null);

    public static SettingValue Secret(string secretName) => new(null, null, "", "", secretName);

    /// <summary>The value with deployed parts written as <c>{IdentityClientId}</c>: for tests and previews.</summary>
    public override string ToString() =>
        Literal ?? (SecretName is not null ? "secretref:" + SecretName : Prefix + "{" + Deployed + "}" + Suffix);
}
