using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ModelOps.Rollouts;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Rollouts;

/// <summary>
/// <see cref="IVersionTrafficStore"/> in the rollouts table: row <c>n|{version}|{host}</c> in the model's partition holds
/// that host's cumulative numbers of the version; reading sums the rows of every host.
/// </summary>
public sealed class TableVersionTrafficStore : IVersionTrafficStore
{
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableVersionTrafficStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.RolloutsTable);
    }

    public async Task WriteAsync(string host, IReadOnlyList<VersionCounters> counters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var model in counters.GroupBy(c => c.Model))
        {
            foreach (var batch in model.Chunk(100))
            {
                var actions = batch.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(c.Model, Prefix(c.Version) + TableKeys.Escape(host))
                {
                    ["Requests"] = c.Requests,
                    ["Errors"] = c.Errors,
                    ["Buckets"] = JsonSerializer.Serialize(c.LatencyBuckets),
                }));
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<VersionCounters> ReadAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var total = VersionCounters.Empty(model, version);
        await foreach (var entity in TablePaging.QueryAllAsync(_table, TablePaging.RowKeyPrefix(model, Prefix(version)), cancellationToken).ConfigureAwait(false))
        {
            var buckets = JsonSerializer.Deserialize<long[]>(entity.GetString("Buckets") ?? "[]") ?? [];
            total = total.Plus(new VersionCounters(model, version, entity.GetInt64("Requests") ?? 0, entity.GetInt64("Errors") ?? 0, buckets));
        }

        return total;
    }

    private static string Prefix(int version) => string.Create(CultureInfo.InvariantCulture, $"n|{version}|");
}
