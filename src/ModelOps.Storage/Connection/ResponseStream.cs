using Azure.Core;

namespace ModelOps.Storage.Connection;

/// <summary>
/// The content of an unbuffered response, read straight from the network. When the connection breaks mid-way
/// (an <see cref="IOException"/>) and a resume function is given, it asks for the rest from the current position
/// (a range request pinned to the same ETag) up to <c>maxResumes</c> times. Disposing it disposes the current message
/// and so returns the connection.
/// </summary>
internal sealed class ResponseStream : Stream
{
    private readonly ResumeFunc? _resume;
    private readonly int _maxResumes;
    private readonly long? _length;
    private HttpMessage _message;
    private Stream _inner;
    private long _position;
    private int _resumes;

    public ResponseStream(HttpMessage message, Stream inner, long? length = null, ResumeFunc? resume = null, int maxResumes = 0)
    {
        _message = message;
        _inner = inner;
        _length = length;
        _resume = resume;
        _maxResumes = maxResumes;
    }

    /// <summary>Opens the rest of the content from <c>offset</c>; returns a message whose response streams it.</summary>
    public delegate ValueTask<HttpMessage> ResumeFunc(long offset, bool async, CancellationToken cancellationToken);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    private bool CanResume => _resume is not null && _resumes < _maxResumes && (_length is null || _position < _length);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            try
            {
                var read = _inner.Read(buffer);
                _position += read;
                return read;
            }
            catch (IOException) when (CanResume)
            {
                ResumeAsync(async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                _position += read;
                return read;
            }
            catch (IOException) when (CanResume && !cancellationToken.IsCancellationRequested)
            {
                await ResumeAsync(async: true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _message.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask ResumeAsync(bool async, CancellationToken cancellationToken)
    {
        _resumes++;
        _inner.Dispose();
        _message.Dispose();
        // With async false the function completes synchronously (it sends with the pipeline's synchronous Send).
        _message = await _resume!(_position, async, cancellationToken).ConfigureAwait(false);
        _inner = _message.Response.ContentStream ?? throw new IOException("The resumed download has no content stream.");
    }
}
