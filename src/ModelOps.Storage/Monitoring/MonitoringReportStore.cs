using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ModelOps.Monitoring.Reports;
using ModelOps.Serialization;
using ModelOps.Storage.Blobs;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Monitoring;

/// <summary>
/// <see cref="IMonitoringReportStore"/>: each report as a blob <c>reports/{model}/monitoring/{id}.json</c>, and its
/// summary in the monitoring reports table (a partition per model, rows of inverted creation time and id, newest first).
/// </summary>
public sealed class MonitoringReportStore : IMonitoringReportStore
{
    private readonly StorageAccount _account;
    private readonly BlobContainerClient _container;
    private readonly TableClient _table;

    public MonitoringReportStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _container = account.Blobs.GetBlobContainerClient(account.Names.ReportsContainer);
        _table = account.Tables.GetTableClient(account.Names.MonitoringReportsTable);
    }

    public async Task SetSummaryAsync(ReportSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(summary.Model, $"{TableKeys.InvertedTicks(summary.CreatedAt)}-{summary.Id}")
        {
            ["Id"] = summary.Id,
            ["Json"] = JsonSerializer.Serialize(summary, ModelOpsJson.Options),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveAsync(MonitoringReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await BlobFiles.WriteAsync(Blob(report.Model, report.Id), JsonSerializer.SerializeToUtf8Bytes(report, ModelOpsJson.Options), "application/json", null, cancellationToken).ConfigureAwait(false);
        await SetSummaryAsync(report.ToSummary(), cancellationToken).ConfigureAwait(false);
    }

    public async Task<MonitoringReport?> GetAsync(string model, string id, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var bytes = await BlobFiles.ReadAsync(Blob(model, id), cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<MonitoringReport>(bytes, ModelOpsJson.Options);
    }

    public async Task<ReportSummary?> GetSummaryAsync(string model, string id, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and Id eq {id}");
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            return JsonSerializer.Deserialize<ReportSummary>(entity.GetString("Json") ?? "{}", ModelOpsJson.Options);
        }

        return null;
    }

    public async Task<ReportPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model}");
        var (entities, next) = await TablePaging.QueryPageAsync(_table, filter, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
        return new ReportPage([.. entities.Select(e => JsonSerializer.Deserialize<ReportSummary>(e.GetString("Json") ?? "{}", ModelOpsJson.Options)!)], next);
    }

    private BlobClient Blob(string model, string id) => _container.GetBlobClient($"{model}/monitoring/{id}.json");
}
