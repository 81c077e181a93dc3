namespace ModelOps.Audit;

/// <summary>Settings of the audit trail (section <c>ModelOps:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>Whether downloads of model artifacts are recorded too (reads are not, otherwise). Default false.</summary>
    public bool ArtifactDownloads { get; set; }
}
