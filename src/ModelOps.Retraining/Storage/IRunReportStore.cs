namespace ModelOps.Retraining;

/// <summary>
/// The port to what a retraining run writes about itself: reports (validation, evaluation, training), the data schema
/// and statistics it saw, and its candidate model, as named files per run.
/// </summary>
public interface IRunReportStore
{
    /// <summary>Writes (or replaces: every attempt of a step writes the same) a file of a run; returns its location for lineage.</summary>
    Task<string> WriteAsync(
        string model,
        string runId,
        string file,
        ReadOnlyMemory<byte> content,
        string contentType,
        CancellationToken cancellationToken = default);

    /// <summary>A file of a run; null when it does not exist.</summary>
    Task<byte[]?> ReadAsync(string model, string runId, string file, CancellationToken cancellationToken = default);
}
