namespace ModelOps.Storage;

/// <summary>An open blob: its properties and a stream of its content.</summary>
public sealed class ArtifactDownload(ArtifactInfo info, Stream content) : IAsyncDisposable, IDisposable
{
    public ArtifactInfo Info { get; } = info;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
