using ModelOps.Registry;
using ModelOps.Runtime;

namespace ModelOps.Inference;

/// <summary>
/// A cached session with a reference count: eviction marks it, and the session is disposed only when the last
/// request using it has finished.
/// </summary>
public sealed class LoadedModel
{
    private int _references;
    private long _lastUsed;
    private int _evicted;

    internal LoadedModel(ModelVersion version, IModelSession session, long sizeBytes)
    {
        Version = version;
        Session = session;
        SizeBytes = sizeBytes;
    }

    public ModelVersion Version { get; }

    public IModelSession Session { get; }

    public long SizeBytes { get; }

    internal long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>Takes a reference; false when the session has been disposed already.</summary>
    internal bool TryAddReference(long now)
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                Volatile.Write(ref _lastUsed, now);
                return true;
            }
        }
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0 && Volatile.Read(ref _evicted) == 1)
        {
            TryDispose();
        }
    }

    /// <summary>Marks the model evicted; its session goes once no request holds it.</summary>
    internal void Evict()
    {
        Volatile.Write(ref _evicted, 1);
        TryDispose();
    }

    private void TryDispose()
    {
        if (Interlocked.CompareExchange(ref _references, -1, 0) == 0)
        {
            Session.Dispose();
        }
    }
}
