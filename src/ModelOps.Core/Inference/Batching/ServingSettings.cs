namespace ModelOps.Inference.Batching;

/// <summary>How one model is served, as <c>PUT /api/models/{model}/serving</c> stores it.</summary>
/// <param name="Batching">Batching overrides; null takes the host's defaults.</param>
public sealed record ServingSettings(BatchingSettings? Batching = null)
{
    public static ServingSettings Default { get; } = new();
}
