using ModelOps.Monitoring.Reports;

namespace ModelOps.Monitoring.Checks;

/// <summary>A check started on demand: its report id (known at once) and the report when it finishes.</summary>
public sealed record StartedCheck(string Id, Task<MonitoringReport> Completion);
