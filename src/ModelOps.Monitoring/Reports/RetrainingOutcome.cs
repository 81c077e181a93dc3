namespace ModelOps.Monitoring.Reports;

/// <summary>What the retrain policy did with a drifted or degraded check.</summary>
/// <param name="Trigger"><c>drift</c> or <c>degradation</c>.</param>
/// <param name="RunId">The run started (or found already started for this report); null when none was.</param>
/// <param name="Reason">Why no run was started (cool-down, daily cap, no training configuration), or null.</param>
public sealed record RetrainingOutcome(string Trigger, string? RunId, string? Reason);
