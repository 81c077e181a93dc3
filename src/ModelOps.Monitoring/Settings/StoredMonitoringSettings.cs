namespace ModelOps.Monitoring.Settings;

/// <summary>A model's monitoring settings as stored, with the ETag a conditional write must match.</summary>
public sealed record StoredMonitoringSettings(string Model, MonitoringSettings Settings, string ETag);
