namespace ModelOps.Http.Audit;

/// <summary>Endpoint metadata: a read that is recorded in the audit trail when <see cref="ModelOps.Audit.AuditOptions.ArtifactDownloads"/> is on.</summary>
public sealed class AuditedRead
{
    public static AuditedRead Instance { get; } = new();

    private AuditedRead()
    {
    }
}
