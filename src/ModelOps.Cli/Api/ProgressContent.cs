using System.Net;
using System.Net.Http.Headers;

namespace ModelOps.Cli.Api;

/// <summary>A file as a request body that reports how many bytes have gone out.</summary>
public sealed class ProgressContent : HttpContent
{
    private const int ChunkBytes = 81920;
    private readonly Stream _source;
    private readonly Action<long> _progress;

    public ProgressContent(Stream source, string mediaType, Action<long> progress)
    {
        _source = source;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        long sent = 0;
        int read;
        while ((read = await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            sent += read;
            _progress(sent);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _source.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }
}
