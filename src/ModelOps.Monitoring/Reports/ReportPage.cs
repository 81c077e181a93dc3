namespace ModelOps.Monitoring.Reports;

/// <summary>One page of report summaries, newest first, and the token of the next page (null on the last).</summary>
public sealed record ReportPage(IReadOnlyList<ReportSummary> Reports, string? ContinuationToken);
