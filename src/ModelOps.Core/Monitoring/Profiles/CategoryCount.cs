namespace ModelOps.Monitoring.Profiles;

/// <summary>How often one category occurred.</summary>
public sealed record CategoryCount(string Value, long Count);
