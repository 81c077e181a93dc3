namespace ModelOps.Audit;

/// <summary>
/// The port to the audit trail: append and query, nothing else. A record that exists already (the same id) is left as
/// it is, so a retried append writes it once.
/// </summary>
public interface IAuditStore
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="pageSize"/> records matching <paramref name="query"/>, oldest first.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);
}
