namespace ModelOps.Monitoring.Capture;

/// <summary>A feature or prediction column of a capture file.</summary>
public readonly record struct CaptureColumn(string Name, CaptureType Type);
