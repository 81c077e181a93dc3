namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>Something the Pulumi program uses that the provider does not have (or that cannot be checked), at file:line.</summary>
public sealed record ProgramFinding(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
