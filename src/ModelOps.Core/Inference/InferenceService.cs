using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Registry;
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

    public InferenceService(ModelRegistry registry, ModelCache cache, IOptions<InferenceOptions> options, TimeProvider time, ILogger<InferenceService> logger)
    {
        _registry = registry;
        _cache = cache;
        _champions = new AliasCache<ModelVersion>(time, options.Value.AliasCacheDuration, logger);
        _registry.ServingChanged += _champions.Invalidate;
    }

    public async Task<InferenceResult> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        var version = await ResolveAsync(request.Model, request.Version, cancellationToken).ConfigureAwait(false);
        using var lease = await _cache.AcquireAsync(version, cancellationToken).ConfigureAwait(false);
        return await RunAsync(lease.Model, request.Model, request.Inputs, request.OutputNames, request.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the version that answers for <paramref name="model"/> on inputs built from its signature (the JSON-rows
    /// form needs the signature to shape its tensors), resolving and holding the model once.
    /// </summary>
    public async Task<(InferenceResult Result, ModelSignature Signature)> InferAsync(
        string model,
        int? version,
        Func<ModelSignature, IReadOnlyList<NamedValue>> inputsFor,
        CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(model, version, cancellationToken).ConfigureAwait(false);
        using var lease = await _cache.AcquireAsync(resolved, cancellationToken).ConfigureAwait(false);
        var signature = lease.Model.Session.Signature;
        return (await RunAsync(lease.Model, model, inputsFor(signature), null, null, cancellationToken).ConfigureAwait(false), signature);
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
