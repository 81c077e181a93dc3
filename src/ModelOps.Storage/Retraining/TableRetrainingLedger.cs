using Azure;
using Azure.Data.Tables;
using ModelOps.Retraining;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Retraining;

/// <summary>
/// <see cref="IRetrainingLedger"/> in two tables: receipts (a partition per model, a row per file version keyed by its
/// hash) and, in the retraining table, rows <c>schedule</c> and <c>registered-{runId}</c> in each model's partition.
/// </summary>
public sealed class TableRetrainingLedger : IRetrainingLedger
{
    private const string ScheduleRow = "schedule";
    private readonly StorageAccount _account;
    private readonly TableClient _receipts;
    private readonly TableClient _retraining;

    public TableRetrainingLedger(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _receipts = account.Tables.GetTableClient(account.Names.ReceiptsTable);
        _retraining = account.Tables.GetTableClient(account.Names.RetrainingTable);
    }

    public async Task<bool> HasReceiptAsync(string model, string file, string etag, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var key = RetrainingService.FileVersionKey(model, file, etag);
        return (await _receipts.GetEntityIfExistsAsync<TableEntity>(model, key, ["RunId"], cancellationToken).ConfigureAwait(false)).HasValue;
    }

    public async Task<bool> TryAddReceiptAsync(
        string model,
        string file,
        string etag,
        string runId,
        DateTimeOffset receivedAt,
        CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var receipt = new TableEntity(model, RetrainingService.FileVersionKey(model, file, etag))
        {
            ["File"] = file,
            ["ETag"] = etag,
            ["RunId"] = runId,
            ["ReceivedAt"] = receivedAt,
        };
        try
        {
            await _receipts.AddEntityAsync(receipt, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    public async Task<RunRegistration?> GetRegistrationAsync(string model, string runId, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _retraining.GetEntityIfExistsAsync<TableEntity>(model, RegistrationRow(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        var version = entity.TryGetValue("Version", out var value) ? value switch { int i => i, long l => checked((int)l), _ => 0 } : 0;
        return new RunRegistration(version, entity.GetString("Sha256") ?? string.Empty);
    }

    public async Task SetRegistrationAsync(string model, string runId, RunRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(model, RegistrationRow(runId)) { ["Version"] = registration.Version, ["Sha256"] = registration.Sha256 };
        await _retraining.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScheduleState?> GetScheduleAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _retraining.GetEntityIfExistsAsync<TableEntity>(model, ScheduleRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value!.GetDateTimeOffset("NextFire") is { } next
            ? new ScheduleState(response.Value.GetString("Expression") ?? string.Empty, next, response.Value.ETag.ToString())
            : null;
    }

    public async Task<bool> TrySetScheduleAsync(string model, string expression, DateTimeOffset nextFire, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(model, ScheduleRow) { ["Expression"] = expression, ["NextFire"] = nextFire };
        try
        {
            if (ifMatch is null)
            {
                await _retraining.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _retraining.UpdateEntityAsync(entity, TableConcurrency.IfMatch(ifMatch, "schedule"), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException exception) when (TableConcurrency.Classify(exception) is not null)
        {
            return false;
        }
    }

    private static string RegistrationRow(string runId) => $"registered-{runId}";
}
