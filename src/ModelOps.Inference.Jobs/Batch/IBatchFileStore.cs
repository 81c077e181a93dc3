namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// The port to batch transform's files: input files listed under a folder and read by byte ranges, and output files
/// assembled from parts. A part is written whole under a key; writing the same key again replaces it; an output is
/// composed from its parts in one step, and composing the same parts again gives the same output.
/// </summary>
public interface IBatchFileStore
{
    /// <summary>The files directly or indirectly under <paramref name="folder"/>, in name order.</summary>
    IAsyncEnumerable<BatchFile> ListAsync(BlobPath folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams <paramref name="length"/> bytes of the file from <paramref name="offset"/> (to the end when null), at the
    /// version listed. Throws <see cref="Errors.ModelOpsException"/> (<see cref="Errors.ErrorKind.Conflict"/>) when the file
    /// has changed or gone since.
    /// </summary>
    Task<Stream> OpenReadAsync(BatchFile file, long offset, long? length, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one part of the output <paramref name="target"/> under <paramref name="partKey"/> (letters, digits and
    /// hyphens, all keys of one target the same length); nothing is visible at the target until it is composed.
    /// </summary>
    Task WritePartAsync(BlobPath target, string partKey, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="target"/> the concatenation of its parts <paramref name="partKeys"/>, in that order.</summary>
    Task ComposeAsync(BlobPath target, IReadOnlyList<string> partKeys, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Writes a small file whole.</summary>
    Task WriteAsync(BlobPath path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>A small file's content; null when it does not exist.</summary>
    Task<byte[]?> ReadAsync(BlobPath path, CancellationToken cancellationToken = default);
}
