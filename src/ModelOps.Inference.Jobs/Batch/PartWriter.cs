using System.Buffers;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>Buffers a shard's output and writes it as whole parts of at most about <c>partBytes</c>, keeping their keys in order.</summary>
internal sealed class PartWriter(IBatchFileStore files, BlobPath target, string runId, int shard, int partBytes)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(partBytes + (64 * 1024));
    private readonly List<string> _keys = [];

    public IBufferWriter<byte> Output => _buffer;

    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Writes a part when the buffer holds at least a part's worth.</summary>
    public Task FlushIfFullAsync(CancellationToken cancellationToken) =>
        _buffer.WrittenCount >= partBytes ? FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Writes whatever is buffered as a part.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        var key = PartKeys.Part(runId, shard, _keys.Count);
        await files.WritePartAsync(target, key, _buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _keys.Add(key);
        _buffer.Clear();
    }
}
