namespace ModelOps.Monitoring.Reports;

/// <summary>Where check reports live: a summary per report (listed newest first) and the full report.</summary>
public interface IMonitoringReportStore
{
    /// <summary>Writes or replaces a report's summary (a running check's, then the finished one's).</summary>
    Task SetSummaryAsync(ReportSummary summary, CancellationToken cancellationToken = default);

    /// <summary>Writes the full report and its summary.</summary>
    Task SaveAsync(MonitoringReport report, CancellationToken cancellationToken = default);

    /// <summary>The full report; null when there is none (yet).</summary>
    Task<MonitoringReport?> GetAsync(string model, string id, CancellationToken cancellationToken = default);

    /// <summary>A report's summary; null when there is no such report.</summary>
    Task<ReportSummary?> GetSummaryAsync(string model, string id, CancellationToken cancellationToken = default);

    Task<ReportPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);
}
