using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelOps.Inference;

/// <summary>
/// Remembers which version an alias resolves to. A miss loads once however many requests ask together; an expired
/// entry keeps answering while one background refresh asks the registry again (stale-while-revalidate), so the hot
/// path never waits on storage once a model has been resolved.
/// </summary>
internal sealed class AliasCache<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly Action<ILogger, string, Exception> _refreshFailed;

    /// <param name="time">The clock entries expire by.</param>
    /// <param name="duration">How long an entry answers before it is refreshed.</param>
    /// <param name="logger">Where failed refreshes are logged.</param>
    /// <param name="refreshFailed">The log message of a failed refresh (what was being refreshed, for the key).</param>
    public AliasCache(TimeProvider time, TimeSpan duration, ILogger logger, Action<ILogger, string, Exception>? refreshFailed = null)
    {
        _time = time;
        _duration = duration;
        _logger = logger;
        _refreshFailed = refreshFailed ?? Log.AliasRefreshFailed;
    }

    public ValueTask<TValue> GetAsync(string key, Func<string, CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.Value is { } value)
        {
            if (entry.ExpiresAt <= now && entry.TryStartRefresh())
            {
                _ = RefreshAsync(key, entry, load);
            }

            return ValueTask.FromResult(value);
        }

        return new ValueTask<TValue>(LoadAsync(key, load, cancellationToken));
    }

    /// <summary>Forgets a key at once (the alias changed in this process).</summary>
    public void Invalidate(string key) => _entries.TryRemove(key, out _);

    private async Task<TValue> LoadAsync(string key, Func<string, CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        var pending = entry.StartLoad(() => load(key, CancellationToken.None));
        try
        {
            var value = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            entry.Set(value, _time.GetTimestamp() + Ticks(_duration));
            return value;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed lookup (unknown model, storage down) is not cached.
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private async Task RefreshAsync(string key, Entry entry, Func<string, CancellationToken, Task<TValue>> load)
    {
        try
        {
            var value = await load(key, CancellationToken.None).ConfigureAwait(false);
            entry.Set(value, _time.GetTimestamp() + Ticks(_duration));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Keep serving what we had; try again on the next request after a short pause.
            entry.Set(entry.Value!, _time.GetTimestamp() + Ticks(TimeSpan.FromSeconds(1)));
            _refreshFailed(_logger, key, exception);
        }
        finally
        {
            entry.EndRefresh();
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private sealed class Entry
    {
        private readonly Lock _lock = new();
        private Task<TValue>? _loading;
        private int _refreshing;

        public TValue? Value { get; private set; }

        public long ExpiresAt { get; private set; }

        public Task<TValue> StartLoad(Func<Task<TValue>> load)
        {
            lock (_lock)
            {
                return _loading is { IsFaulted: false, IsCanceled: false } ? _loading : _loading = load();
            }
        }

        public void Set(TValue value, long expiresAt)
        {
            lock (_lock)
            {
                Value = value;
                ExpiresAt = expiresAt;
            }
        }

        public bool TryStartRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

        public void EndRefresh() => Volatile.Write(ref _refreshing, 0);
    }
}
