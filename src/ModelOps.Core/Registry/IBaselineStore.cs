namespace ModelOps.Registry;

/// <summary>
/// The port to what a version was trained on, for later comparison: its data schema and baseline statistics, as
/// named JSON files per model version (written by retraining, read by monitoring).
/// </summary>
public interface IBaselineStore
{
    /// <summary>Writes (or replaces) one file of a version's baseline.</summary>
    Task WriteAsync(string model, int version, string file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>One file of a version's baseline; null when it does not exist.</summary>
    Task<byte[]?> ReadAsync(string model, int version, string file, CancellationToken cancellationToken = default);
}
