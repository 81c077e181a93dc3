using Azure;
using Azure.Data.Tables;
using ModelOps.Monitoring.Retraining;
using ModelOps.Retraining;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Monitoring;

/// <summary>
/// <see cref="IMonitoringLedger"/> in the monitoring table, in each model's partition: row <c>schedule</c>, rows
/// <c>alert-{key}</c> (when each alert was last sent) and row <c>retrain</c> (the last run monitoring started, the day's
/// count). Every change is an ETag-conditional write, so hosts racing agree on one winner.
/// </summary>
public sealed class TableMonitoringLedger : IMonitoringLedger
{
    private const string ScheduleRow = "schedule";
    private const string RetrainRow = "retrain";
    private const int Attempts = 5;
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableMonitoringLedger(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.MonitoringTable);
    }

    public async Task<ScheduleState?> GetScheduleAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, ScheduleRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value!.GetDateTimeOffset("NextFire") is { } next
            ? new ScheduleState(response.Value.GetString("Expression") ?? string.Empty, next, response.Value.ETag.ToString())
            : null;
    }

    public async Task<bool> TrySetScheduleAsync(string model, string expression, DateTimeOffset nextFire, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await TryWriteAsync(new TableEntity(model, ScheduleRow) { ["Expression"] = expression, ["NextFire"] = nextFire }, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryClaimAlertAsync(string model, string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = $"alert-{TableKeys.Escape(key)}";
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.HasValue && response.Value!.GetDateTimeOffset("SentAt") is { } sent && now - sent < window)
            {
                return false;
            }

            var entity = new TableEntity(model, row) { ["SentAt"] = now };
            if (await TryWriteAsync(entity, response.HasValue ? response.Value!.ETag.ToString() : null, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<string?> TryReserveRetrainAsync(string model, string reportId, DateTimeOffset now, TimeSpan coolDown, int dailyCap, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var today = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, RetrainRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var current = response.HasValue ? response.Value : null;
            if (current?.GetString("ReportId") == reportId)
            {
                return null; // This report's run was reserved already (a repeat): its run id finds the run.
            }

            var last = current?.GetDateTimeOffset("StartedAt");
            var count = current?.GetString("Day") == today ? current.GetInt32("Count") ?? 0 : 0;
            if (last is { } l && now - l < coolDown)
            {
                return $"Cool-down: monitoring started a run at {l:O}; the next may start after {l + coolDown:O}.";
            }

            if (count >= dailyCap)
            {
                return $"Daily cap: monitoring started {count} run(s) today (UTC), at most {dailyCap}.";
            }

            var entity = new TableEntity(model, RetrainRow) { ["ReportId"] = reportId, ["StartedAt"] = now, ["Day"] = today, ["Count"] = count + 1 };
            if (await TryWriteAsync(entity, current?.ETag.ToString(), cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        return "Other hosts kept changing the retrain reservation; try again.";
    }

    /// <summary>Adds the entity when <paramref name="ifMatch"/> is null, else replaces it over that ETag; false when another writer won.</summary>
    private async Task<bool> TryWriteAsync(TableEntity entity, string? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            if (ifMatch is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException exception) when (TableConcurrency.Classify(exception) is not null)
        {
            return false;
        }
    }
}
