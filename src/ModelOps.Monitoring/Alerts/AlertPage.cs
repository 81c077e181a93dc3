namespace ModelOps.Monitoring.Alerts;

/// <summary>One page of alerts, newest first, and the token of the next page (null on the last).</summary>
public sealed record AlertPage(IReadOnlyList<AlertRecord> Alerts, string? ContinuationToken);
