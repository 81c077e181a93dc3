namespace ModelOps.Provisioning.Configuration;

/// <summary>One thing wrong with a stack's config: the key at fault (<c>modelops:name</c>, or <c>stack</c>) and why.</summary>
public sealed record StackConfigError(string Key, string Message)
{
    public override string ToString() => Key + ": " + Message;
}
