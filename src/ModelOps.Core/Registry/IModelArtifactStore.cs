namespace ModelOps.Registry;

/// <summary>
/// The port to the files of model versions: the ONNX file, stored with its SHA-256 (the registry checks it on every
/// load), and the model card.
/// </summary>
public interface IModelArtifactStore
{
    /// <summary>Writes a version's ONNX file with its SHA-256, replacing what is there (a re-run writes the same bytes).</summary>
    Task WriteAsync(string model, int version, ReadOnlyMemory<byte> onnx, string sha256, CancellationToken cancellationToken = default);

    /// <summary>Writes a version's model card (JSON).</summary>
    Task WriteCardAsync(string model, int version, ReadOnlyMemory<byte> cardJson, CancellationToken cancellationToken = default);

    /// <summary>Opens a version's ONNX file for reading; null when it is missing. The caller disposes the stream.</summary>
    Task<Stream?> OpenAsync(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>Opens a version's model card; null when it is missing.</summary>
    Task<byte[]?> ReadCardAsync(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>The SHA-256 recorded with a version's ONNX file when it was written; null when there is no file.</summary>
    Task<string?> GetRecordedSha256Async(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>Every model version that has files, in no particular order (to find files no record owns).</summary>
    IAsyncEnumerable<(string Model, int Version)> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a version's files; nothing happens for files that are gone already.</summary>
    Task DeleteAsync(string model, int version, CancellationToken cancellationToken = default);
}
