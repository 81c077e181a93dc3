using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Inference;

/// <summary>
/// Loaded model versions, shared by every request: a version loads on first use, once however many requests
/// arrive for it together; least recently used versions are evicted once their sizes exceed the budget.
/// </summary>
public sealed class ModelCache : IDisposable
{
    private readonly ConcurrentDictionary<ModelKey, Lazy<Task<LoadedModel>>> _entries = new();
    private readonly ModelRegistry _registry;
    private readonly IModelRuntime _runtime;
    private readonly InferenceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ModelCache> _logger;
    private readonly IModelSessionDecorator[] _decorators;
    private readonly Lock _evictionLock = new();
    private long _totalBytes;

    public ModelCache(
        ModelRegistry registry,
        IModelRuntime runtime,
        IOptions<InferenceOptions> options,
        TimeProvider time,
        ILogger<ModelCache> logger,
        IEnumerable<IModelSessionDecorator> decorators)
    {
        _registry = registry;
        _decorators = [.. decorators];
        _runtime = runtime;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Bytes held by loaded models (approximate).</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>How many versions are loaded or loading.</summary>
    public int Count => _entries.Count;

    /// <summary>The loaded model for <paramref name="key"/> if it is in the cache and ready; no I/O.</summary>
    public bool TryGetLoaded(ModelKey key, out ModelVersion? version)
    {
        if (_entries.TryGetValue(key, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            version = lazy.Value.Result.Version;
            return true;
        }

        version = null;
        return false;
    }

    /// <summary>Holds <paramref name="version"/> loaded for one request, loading it first if needed.</summary>
    public async ValueTask<ModelLease> AcquireAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        var key = new ModelKey(version.Name, version.Version);
        while (true)
        {
            var lazy = _entries.GetOrAdd(key, k => new Lazy<Task<LoadedModel>>(() => LoadAsync(k, version)));
            LoadedModel model;
            try
            {
                var task = lazy.Value;
                if (task.IsCompletedSuccessfully)
                {
                    model = task.Result;
                    Telemetry.ModelOpsTelemetry.CacheHits.Add(1, Telemetry.ModelOpsTelemetry.ModelTags(key.Name, key.Version));
                }
                else
                {
                    model = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed load is not cached: the next request tries again.
                _entries.TryRemove(new KeyValuePair<ModelKey, Lazy<Task<LoadedModel>>>(key, lazy));
                throw;
            }

            if (model.TryAddReference(_time.GetTimestamp()))
            {
                return new ModelLease(model);
            }

            // Evicted and disposed between lookup and use: load afresh.
            _entries.TryRemove(new KeyValuePair<ModelKey, Lazy<Task<LoadedModel>>>(key, lazy));
        }
    }

    /// <summary>Drops a version from the cache (its session goes once in-flight requests finish).</summary>
    public void Evict(ModelKey key)
    {
        if (_entries.TryRemove(key, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            Forget(lazy.Value.Result);
        }
    }

    public void Dispose()
    {
        foreach (var key in _entries.Keys)
        {
            Evict(key);
        }
    }

    private async Task<LoadedModel> LoadAsync(ModelKey key, ModelVersion version)
    {
        // Not tied to the first caller's token: other requests may be waiting on this load.
        var started = Stopwatch.GetTimestamp();
        var bytes = await _registry.ReadVerifiedArtifactAsync(version, CancellationToken.None).ConfigureAwait(false);
        IModelSession session;
        try
        {
            session = _runtime.Load(bytes, _options.Session);
        }
        catch (ModelLoadException exception)
        {
            throw new Errors.ModelOpsException(
                Errors.ErrorKind.Unavailable,
                $"Model '{key.Name}' version {key.Version} is registered but could not be loaded: {exception.Message}",
                exception);
        }

        if (_options.WarmUp)
        {
            WarmUp(key, session);
        }

        foreach (var decorator in _decorators)
        {
            session = decorator.Decorate(version, session);
        }

        var model = new LoadedModel(version, session, Math.Max(session.ApproximateSizeBytes, bytes.Length));
        var total = Interlocked.Add(ref _totalBytes, model.SizeBytes);
        Log.ModelLoaded(_logger, key.Name, key.Version, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, model.SizeBytes, total);
        Telemetry.ModelOpsTelemetry.ModelLoads.Add(1, Telemetry.ModelOpsTelemetry.ModelTags(key.Name, key.Version));
        EvictOverBudget(key);
        return model;
    }

    private void WarmUp(ModelKey key, IModelSession session)
    {
        try
        {
            var inputs = new List<NamedValue>(session.Signature.Inputs.Count);
            foreach (var spec in session.Signature.Inputs)
            {
                if (spec.Kind != ValueKind.Tensor)
                {
                    return;
                }

                var shape = spec.Shape.Select(d => d < 0 ? 1L : d).ToArray();
                var length = checked((int)Tensor.ElementCount(shape));
                inputs.Add(new NamedValue(spec.Name, new Tensor(spec.ElementType, shape, spec.ElementType.CreateArray(length))));
            }

            session.Run(inputs);
        }
        catch (Exception exception) when (exception is ModelRunException or ArgumentException or OverflowException)
        {
            Log.WarmUpFailed(_logger, key.Name, key.Version, exception);
        }
    }

    private void EvictOverBudget(ModelKey justLoaded)
    {
        lock (_evictionLock)
        {
            while (Interlocked.Read(ref _totalBytes) > _options.CacheBudgetBytes)
            {
                LoadedModel? victim = null;
                var victimKey = default(ModelKey);
                foreach (var (key, lazy) in _entries)
                {
                    if (key == justLoaded || !lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully)
                    {
                        continue;
                    }

                    var candidate = lazy.Value.Result;
                    if (victim is null || candidate.LastUsed < victim.LastUsed)
                    {
                        victim = candidate;
                        victimKey = key;
                    }
                }

                if (victim is null)
                {
                    return; // Only the newcomer is left: a single model may exceed the budget.
                }

                _entries.TryRemove(victimKey, out _);
                Forget(victim);
            }
        }
    }

    private void Forget(LoadedModel model)
    {
        Interlocked.Add(ref _totalBytes, -model.SizeBytes);
        model.Evict();
        Log.ModelEvicted(_logger, model.Version.Name, model.Version.Version, model.SizeBytes);
    }
}
