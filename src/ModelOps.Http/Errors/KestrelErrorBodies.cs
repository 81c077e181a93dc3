using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ModelOps.Http;

/// <summary>
/// Kestrel answers a request it cannot parse (an encoded NUL or a control character in the path, a malformed request
/// line, headers too large) itself, before any middleware runs, with a status and no body. This connection middleware
/// gives those responses the same <c>{"error": ...}</c> body every other error has.
/// </summary>
public static class KestrelErrorBodies
{
    public static ListenOptions UseJsonErrorBodies(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.Use(next => connection =>
        {
            connection.Transport = new Pipe(connection.Transport);
            return next(connection);
        });
        return listenOptions;
    }

    private sealed class Pipe(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input { get; } = inner.Input;

        public PipeWriter Output { get; } = new Writer(inner.Output);
    }

    /// <summary>
    /// Passes every write through untouched, except one that is by itself a whole bodiless HTTP/1.x error response
    /// (status line, headers with <c>Content-Length: 0</c>, blank line): Kestrel's own rejections. The app never sends
    /// one (ErrorBodyMiddleware gives every error a body), and a response body is never written that way.
    /// </summary>
    private sealed class Writer(PipeWriter inner) : PipeWriter
    {
        private static readonly byte[] EmptyLength = "\r\nContent-Length: 0\r\n"u8.ToArray();
        private Memory<byte> _lent;

        public override void Advance(int bytes)
        {
            var written = _lent.Span[..Math.Min(bytes, _lent.Length)];
            if (TryRewrite(written) is { } rewritten)
            {
                rewritten.CopyTo(inner.GetSpan(rewritten.Length));
                inner.Advance(rewritten.Length);
            }
            else
            {
                inner.Advance(bytes);
            }

            _lent = default;
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _lent = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        private static byte[]? TryRewrite(ReadOnlySpan<byte> written)
        {
            if (written.Length < 16 || !(written.StartsWith("HTTP/1.1 "u8) || written.StartsWith("HTTP/1.0 "u8))
                || written[9] is not ((byte)'4' or (byte)'5') || !written.EndsWith("\r\n\r\n"u8))
            {
                return null;
            }

            var lengthAt = written.IndexOf(EmptyLength);
            if (lengthAt < 0 || !int.TryParse(written.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                return null;
            }

            var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { error = ErrorBodyMiddleware.Describe(status, null) }));
            var header = Encoding.ASCII.GetBytes(string.Create(
                CultureInfo.InvariantCulture, $"\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n"));
            var buffer = new ArrayBufferWriter<byte>(written.Length + header.Length + body.Length);
            buffer.Write(written[..lengthAt]);
            buffer.Write(header);
            buffer.Write(written[(lengthAt + EmptyLength.Length)..]);
            buffer.Write(body);
            return buffer.WrittenSpan.ToArray();
        }
    }
}
