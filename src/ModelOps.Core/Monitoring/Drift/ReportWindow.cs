namespace ModelOps.Monitoring.Drift;

/// <summary>The time window a report's current data came from.</summary>
public sealed record ReportWindow(DateTimeOffset From, DateTimeOffset To);
