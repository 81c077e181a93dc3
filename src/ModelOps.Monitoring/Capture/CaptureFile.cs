namespace ModelOps.Monitoring.Capture;

/// <summary>
/// One file of captured traffic: the rows one host buffered for a model version within one hour (UTC). Stored as
/// <c>captures/{model}/{version}/yyyy/MM/dd/HH/{part}.parquet</c>.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Hour">The UTC hour its rows fall in (minutes and seconds zero).</param>
/// <param name="Part">The file's name within the hour, without extension: first row's time, writer and sequence.</param>
public sealed record CaptureFile(string Model, int Version, DateTimeOffset Hour, string Part);
