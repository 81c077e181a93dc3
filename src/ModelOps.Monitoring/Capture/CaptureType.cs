namespace ModelOps.Monitoring.Capture;

/// <summary>How a captured column's values are stored.</summary>
public enum CaptureType
{
    Float,
    Double,
    Long,
    String,
}
