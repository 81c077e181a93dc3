namespace ModelOps.Inference;

/// <summary>A model held for the length of one request; dispose it when done.</summary>
public readonly struct ModelLease : IDisposable
{
    internal ModelLease(LoadedModel model) => Model = model;

    public LoadedModel Model { get; }

    public void Dispose() => Model?.Release();
}
