using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Rollouts;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Inference;

/// <summary>
/// The data plane: resolves which version answers, validates the request against its signature and runs it.
/// Knows nothing of HTTP or JSON; the hosts translate protocols to and from it.
/// </summary>
public sealed class InferenceService
{
    private readonly ModelRegistry _registry;
    private readonly ModelCache _cache;
    private readonly AliasCache<ModelVersion> _champions;
    private readonly TimeProvider _time;
    private readonly IInferenceObserver[] _observers;
    private readonly TrafficPolicies? _traffic;
    private readonly ILogger _logger;

    public InferenceService(
        ModelRegistry registry,
        ModelCache cache,
        IOptions<InferenceOptions> options,
        TimeProvider time,
        ILogger<InferenceService> logger,
        IEnumerable<IInferenceObserver>? observers = null,
        TrafficPolicies? traffic = null)
    {
        _registry = registry;
        _cache = cache;
        _time = time;
        _observers = observers?.ToArray() ?? [];
        _traffic = traffic;
        _logger = logger;
        _champions = new AliasCache<ModelVersion>(time, options.Value.AliasCacheDuration, logger);
        _registry.ServingChanged += _champions.Invalidate;
    }

    public async Task<InferenceResult> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        var route = new RoutingDecision(request.Version, null);
        try
        {
            route = await RouteAsync(request.Model, request.Version, request.Header, StickyInputs.Of(request.Inputs), cancellationToken).ConfigureAwait(false);
            var version = await ResolveAsync(request.Model, route.Version, cancellationToken).ConfigureAwait(false);
            using var lease = await _cache.AcquireAsync(version, cancellationToken).ConfigureAwait(false);
            var result = await RunAsync(lease.Model, request.Model, request.Inputs, request.OutputNames, request.Id, cancellationToken).ConfigureAwait(false);
            Notify(result, request.Inputs, started);
            Mirror(request.Model, route.Mirror, request.Inputs, request.OutputNames, request.Id);
            return result;
        }
        catch (Exception exception) when (_observers.Length > 0)
        {
            NotifyFailed(request.Model, route.Version, exception, started);
            throw;
        }
    }

    /// <summary>
    /// Runs the version that answers for <paramref name="model"/> on inputs built from its signature (the JSON-rows
    /// form needs the signature to shape its tensors), resolving and holding the model once.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="version">A pinned version, or null for the champion.</param>
    /// <param name="inputsFor">Builds the inputs from the signature of the version that answers.</param>
    /// <param name="id">The request id, echoed in the result and told to observers.</param>
    /// <param name="header">Reads a request header by name, for sticky routing; null when there are none.</param>
    /// <param name="input">Reads a request input's (first) value by name as invariant text, for sticky routing by input
    /// (<see cref="StickyInputs"/>); null when the request form has none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<(InferenceResult Result, ModelSignature Signature)> InferAsync(
        string model,
        int? version,
        Func<ModelSignature, IReadOnlyList<NamedValue>> inputsFor,
        string? id = null,
        Func<string, string?>? header = null,
        Func<string, string?>? input = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputsFor);
        var started = _time.GetTimestamp();
        var route = new RoutingDecision(version, null);
        try
        {
            route = await RouteAsync(model, version, header, input, cancellationToken).ConfigureAwait(false);
            var resolved = await ResolveAsync(model, route.Version, cancellationToken).ConfigureAwait(false);
            using var lease = await _cache.AcquireAsync(resolved, cancellationToken).ConfigureAwait(false);
            var signature = lease.Model.Session.Signature;
            var inputs = inputsFor(signature);
            var result = await RunAsync(lease.Model, model, inputs, null, id, cancellationToken).ConfigureAwait(false);
            Notify(result, inputs, started);
            Mirror(model, route.Mirror, inputs, null, id);
            return (result, signature);
        }
        catch (Exception exception) when (_observers.Length > 0)
        {
            NotifyFailed(model, route.Version, exception, started);
            throw;
        }
    }

    /// <summary>A pinned version answers itself; otherwise the model's traffic policy (if any) decides.</summary>
    private ValueTask<RoutingDecision> RouteAsync(string model, int? version, Func<string, string?>? header, Func<string, string?>? input, CancellationToken cancellationToken) =>
        version is not null || _traffic is null
            ? ValueTask.FromResult(new RoutingDecision(version, null))
            : _traffic.RouteAsync(model, header, input, cancellationToken);

    /// <summary>
    /// Runs a copy of the request on the mirror version after the primary answer, off the caller's path: its answer
    /// (or failure) reaches the observers, never the caller.
    /// </summary>
    private void Mirror(string model, int? mirror, IReadOnlyList<NamedValue> inputs, IReadOnlyList<string>? outputNames, string? id)
    {
        if (mirror is not int version)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            var started = _time.GetTimestamp();
            try
            {
                var resolved = await ResolveAsync(model, version).ConfigureAwait(false);
                using var lease = await _cache.AcquireAsync(resolved).ConfigureAwait(false);
                Notify(await RunAsync(lease.Model, model, inputs, outputNames, id, CancellationToken.None).ConfigureAwait(false), inputs, started);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Log.MirrorFailed(_logger, model, version, exception);
                NotifyFailed(model, version, exception, started);
            }
        });
    }

    private void Notify(InferenceResult result, IReadOnlyList<NamedValue> inputs, long started)
    {
        if (_observers.Length == 0)
        {
            return;
        }

        var record = new InferenceRecord(result.Version, result.Id, _time.GetUtcNow(), inputs, result.Outputs, _time.GetElapsedTime(started));
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnInferred(record);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Observers watch the answer (metrics, capture, traffic counts); a fault of theirs is not the caller's.
                Log.ObserverFailed(_logger, observer.GetType().Name, record.Version.Name, exception);
            }
        }
    }

    private void NotifyFailed(string model, int? version, Exception exception, long started)
    {
        var elapsed = _time.GetElapsedTime(started);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnFailed(model, version, exception, elapsed);
            }
            catch (Exception fault) when (fault is not OutOfMemoryException)
            {
                Log.ObserverFailed(_logger, observer.GetType().Name, model, fault);
            }
        }
    }

    private static async Task<InferenceResult> RunAsync(
        LoadedModel loaded,
        string model,
        IReadOnlyList<NamedValue> inputs,
        IReadOnlyList<string>? outputNames,
        string? id,
        CancellationToken cancellationToken)
    {
        var session = loaded.Session;
        InputValidator.Validate(model, session.Signature.Inputs, inputs, outputNames, session.Signature.Outputs);
        try
        {
            var outputs = await session.RunAsync(inputs, outputNames, cancellationToken).ConfigureAwait(false);
            return new InferenceResult(loaded.Version, id, outputs);
        }
        catch (ModelRunException exception)
        {
            // The inputs passed the signature, so a failing kernel (a tree asking for a feature the tensor lacks,
            // an index out of range) is almost always the data's fault: answer 400 with the runtime's reason.
            var verb = exception.IsInvalidInput ? "rejected the inputs" : "failed on these inputs";
            throw ModelOpsException.Invalid($"Model '{model}' {verb}: {exception.Message}");
        }
    }

    /// <summary>The version that answers for <paramref name="model"/>: the pinned one, or the champion.</summary>
    public async ValueTask<ModelVersion> ResolveAsync(string model, int? version, CancellationToken cancellationToken = default)
    {
        if (version is int pinned)
        {
            if (pinned < 1)
            {
                throw ModelOpsException.Invalid($"Version '{pinned}' is not valid: versions count from 1.");
            }

            return _cache.TryGetLoaded(new ModelKey(model, pinned), out var loaded)
                ? loaded!
                : await _registry.GetVersionAsync(model, pinned, cancellationToken).ConfigureAwait(false);
        }

        return await _champions.GetAsync(
            model,
            (name, ct) => _registry.ResolveAliasAsync(name, ModelRegistry.ChampionAlias, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The signature of the version that would answer, loading it if needed (for metadata routes).</summary>
    public async Task<(ModelVersion Version, ModelSignature Signature)> DescribeAsync(string model, int? version, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(model, version, cancellationToken).ConfigureAwait(false);
        using var lease = await _cache.AcquireAsync(resolved, cancellationToken).ConfigureAwait(false);
        return (resolved, lease.Model.Session.Signature);
    }

    /// <summary>Whether the version can answer now: registered and loadable (loads it if needed).</summary>
    public async Task<bool> IsReadyAsync(string model, int? version, CancellationToken cancellationToken = default)
    {
        try
        {
            await DescribeAsync(model, version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.Unavailable)
        {
            return false;
        }
    }
}
