namespace ModelOps.Inference;

/// <summary>
/// Told about every inference the <see cref="InferenceService"/> runs, after the fact: traffic capture and metrics
/// observe the data plane this way instead of growing branches inside it. Called on the request's thread, so an
/// observer must return at once (hand work to a buffer, never wait on I/O) and must not throw.
/// </summary>
public interface IInferenceObserver
{
    /// <summary>A request that produced outputs.</summary>
    void OnInferred(InferenceRecord record);

    /// <summary>A request that failed (bad input, a model that does not load), after <paramref name="elapsed"/>.</summary>
    void OnFailed(string model, int? version, Exception error, TimeSpan elapsed);
}
