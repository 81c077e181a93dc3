namespace ModelOps.Inference.Jobs.Queue;

/// <summary>
/// The port to queue inference's documents: result blobs (<c>inference-results/{model}/{id}.json</c> or a message's
/// <c>outputBlob</c>), written once, and the request bodies messages point at (<c>inputBlob</c>).
/// </summary>
public interface IInferenceResultStore
{
    /// <summary>Writes a result unless one exists at <paramref name="path"/>; false (nothing written) when one did.</summary>
    Task<bool> TryCreateAsync(BlobPath path, ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default);

    /// <summary>The result at <paramref name="path"/>; null when there is none.</summary>
    Task<byte[]?> ReadAsync(BlobPath path, CancellationToken cancellationToken = default);

    /// <summary>
    /// A request body a message points at; null when the blob does not exist. Throws <see cref="Errors.ModelOpsException"/>
    /// (<see cref="Errors.ErrorKind.PayloadTooLarge"/>) when it is larger than <paramref name="maxBytes"/>.
    /// </summary>
    Task<byte[]?> ReadRequestAsync(BlobPath path, long maxBytes, CancellationToken cancellationToken = default);
}
