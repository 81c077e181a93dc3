using System.Globalization;
using System.Security.Cryptography;
using ModelOps.Errors;

namespace ModelOps.Audit;

/// <summary>Appends to and reads the audit trail; ids sort by time.</summary>
public sealed class AuditTrail
{
    public const int MaxPageSize = 1000;
    private readonly IAuditStore _store;
    private readonly TimeProvider _time;

    public AuditTrail(IAuditStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>The time of a new record and its id (time-ordered, unique).</summary>
    public (DateTimeOffset Time, string Id) NewId()
    {
        var now = _time.GetUtcNow();
        return (now, string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}"));
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => _store.AppendAsync(record, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditQuery query, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'pageSize' must be between 1 and {MaxPageSize}."));
        }

        if (query.From > query.To)
        {
            throw ModelOpsException.Invalid("'from' is after 'to'.");
        }

        return _store.QueryAsync(query, pageSize, continuationToken, cancellationToken);
    }
}
