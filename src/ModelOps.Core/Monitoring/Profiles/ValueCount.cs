namespace ModelOps.Monitoring.Profiles;

/// <summary>How often one numeric value occurred.</summary>
public sealed record ValueCount(double Value, long Count);
