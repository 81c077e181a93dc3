using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ModelOps.Audit;
using ModelOps.Serialization;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Audit;

/// <summary>
/// <see cref="IAuditStore"/> in the audit table. Each record is written under two keys, both with its time-ordered id
/// as row key: partition <c>d|{yyyyMMdd}</c> (every record of a UTC day: queries by time and actor) and, for records of
/// a model, <c>m|{model}|{yyyyMMdd}</c> (queries by model read only that model's days). A query is one range of
/// partition keys, so records come back oldest first with the service's own continuation tokens. Writes are inserts:
/// nothing here updates or deletes a record, and a retried append finds its row and leaves it.
/// </summary>
public sealed class TableAuditStore : IAuditStore
{
    /// <summary>Table string properties hold 32K UTF-16 characters; changes beyond this are replaced by a note.</summary>
    private const int MaxJsonLength = 30_000;
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableAuditStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.AuditTable);
    }

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(record, ModelOpsJson.Options);
        if (json.Length > MaxJsonLength)
        {
            json = JsonSerializer.Serialize(
                record with { Changes = [new AuditChange("changes.truncated", record.Model, record.Resource, [new FieldChange("changes", null, $"{record.Changes.Count} changes, too large to keep")])] },
                ModelOpsJson.Options);
        }

        var day = Day(record.Time);
        var writes = new List<Task> { InsertAsync(Entity($"d|{day}", record, json), cancellationToken) };
        if (record.Model is { } model)
        {
            writes.Add(InsertAsync(Entity($"m|{model}|{day}", record, json), cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var prefix = query.Model is { } model ? $"m|{model}|" : "d|";
        var from = prefix + (query.From is { } f ? Day(f) : "00000000");
        var to = prefix + (query.To is { } t ? Day(t) : "99999999");
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey le {to}");
        if (query.From is { } fromTime)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {Ticks(fromTime)}");
        }

        if (query.To is { } toTime)
        {
            // Ids are "{ticks}-{random}": every id of the last tick sorts below "{ticks + 1}".
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {Ticks(toTime.AddTicks(1))}");
        }

        if (query.Actor is { } actor)
        {
            filter += " and " + TableClient.CreateQueryFilter($"(ActorId eq {actor} or ActorName eq {actor})");
        }

        var (entities, next) = await TablePaging.QueryPageAsync(_table, filter, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
        return new AuditPage([.. entities.Select(e => JsonSerializer.Deserialize<AuditRecord>(e.GetString("Json")!, ModelOpsJson.Options)!)], next);
    }

    private async Task InsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (TableConcurrency.Classify(exception) == Errors.StoreConflict.AlreadyExists)
        {
            // Written by an earlier attempt of the same append: records are never replaced.
        }
    }

    private static TableEntity Entity(string partition, AuditRecord record, string json) => new(partition, record.Id)
    {
        ["ActorId"] = record.ActorId,
        ["ActorName"] = record.ActorName,
        ["Model"] = record.Model,
        ["Json"] = json,
    };

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
