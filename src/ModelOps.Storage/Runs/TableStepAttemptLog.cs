using System.Globalization;
using Azure.Data.Tables;
using ModelOps.Storage.Tables;
using ModelOps.Workflows;

namespace ModelOps.Storage.Runs;

/// <summary>
/// <see cref="IStepAttemptLog"/> in one table: a partition per run, row keys of the start's ticks and a random suffix
/// (two workers may begin the same step in the same tick), so a partition reads oldest first.
/// </summary>
public sealed class TableStepAttemptLog : IStepAttemptLog
{
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableStepAttemptLog(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.AttemptsTable);
    }

    public async Task RecordAsync(StepAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{attempt.StartedAt.UtcTicks:D19}-{Guid.NewGuid():N}");
        var entity = new TableEntity(TableKeys.Escape(attempt.RunId), rowKey)
        {
            ["Step"] = attempt.Step,
            ["StartedAt"] = attempt.StartedAt,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StepAttempt>> ListAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(runId)}");
        var attempts = new List<StepAttempt>();
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(new StepAttempt(runId, entity.GetString("Step") ?? string.Empty, entity.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue));
        }

        return attempts;
    }

    public async Task DeleteAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(runId)}");
        var rows = new List<TableEntity>();
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        // Entity-group transactions take at most 100 operations, all in one partition (one run here).
        foreach (var chunk in rows.Chunk(100))
        {
            await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e)), cancellationToken).ConfigureAwait(false);
        }
    }
}
