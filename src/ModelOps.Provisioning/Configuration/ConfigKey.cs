namespace ModelOps.Provisioning.Configuration;

/// <summary>One key of the <c>modelops</c> Pulumi config namespace: its name, default (null when required) and meaning.</summary>
public sealed record ConfigKey(string Name, string? Default, string Meaning, bool IsSecret = false)
{
    /// <summary>The key as <c>pulumi config set</c> names it: <c>modelops:name</c>.</summary>
    public string QualifiedName => StackConfigKeys.Namespace + ":" + Name;
}
