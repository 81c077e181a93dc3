using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Rollouts;

/// <summary>
/// Reads, changes and applies models' traffic policies. Routing reads a per-process copy of each policy that is at
/// most twice <see cref="TrafficOptions.RefreshInterval"/> old, so every host applies a change within that bound; a
/// change made through this process applies here at once.
/// </summary>
public sealed class TrafficPolicies
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<Entry>> _loads = new(StringComparer.Ordinal);
    private readonly ITrafficStore _store;
    private readonly ModelRegistry _registry;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly ILogger<TrafficPolicies> _logger;

    public TrafficPolicies(ITrafficStore store, ModelRegistry registry, IOptions<TrafficOptions> options, TimeProvider time, ILogger<TrafficPolicies> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _registry = registry;
        _time = time;
        _refresh = options.Value.RefreshInterval;
        _logger = logger;
    }

    /// <summary>The model's stored policy; null when it has none (the champion answers).</summary>
    public async Task<StoredTrafficPolicy?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        await _registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        return await _store.GetAsync(model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates <paramref name="policy"/> (every version it names exists and may serve), stores it with its history
    /// entry in one write and applies it in this process at once.
    /// </summary>
    public async Task<StoredTrafficPolicy> PutAsync(
        string model,
        TrafficPolicy policy,
        string? ifMatch,
        string changedBy,
        string reason,
        string? rollout = null,
        string? changeId = null,
        DateTimeOffset? at = null,
        CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        TrafficPolicyJson.Validate(policy);
        var record = await _registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        foreach (var version in policy.Versions)
        {
            await EnsureServableAsync(record, version, cancellationToken).ConfigureAwait(false);
        }

        var when = at ?? _time.GetUtcNow();
        var change = new ServingChange(changeId ?? Guid.NewGuid().ToString("N"), when, policy, changedBy, reason, rollout);
        StoredTrafficPolicy stored;
        try
        {
            stored = await _store.PutAsync(model, change, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw ModelOpsException.PreconditionFailed($"The traffic policy of model '{model}' has changed since it was read: {exception.Message}");
        }

        _entries[model] = new Entry(stored.Policy, _time.GetTimestamp());
        Log.TrafficChanged(_logger, model, Describe(policy), changedBy, reason);
        return stored;
    }

    /// <summary>The history, newest first.</summary>
    public Task<ServingHistoryPage> HistoryAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        return _store.ListHistoryAsync(model, pageSize, continuationToken, cancellationToken);
    }

    /// <summary>The change in effect at <paramref name="at"/>; null when the model had no policy then (its champion served).</summary>
    public Task<ServingChange?> AtAsync(string model, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        return _store.GetHistoryAtAsync(model, at, cancellationToken);
    }

    /// <summary>Which version answers an unpinned request, and which gets a mirrored copy.</summary>
    public ValueTask<RoutingDecision> RouteAsync(string model, Func<string, string?>? header, CancellationToken cancellationToken = default) =>
        RouteAsync(model, header, null, cancellationToken);

    /// <summary>Which version answers an unpinned request whose inputs can be read by name (sticky by an input's value).</summary>
    public ValueTask<RoutingDecision> RouteAsync(string model, Func<string, string?>? header, Func<string, string?>? input, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(model, out var entry))
        {
            var age = _time.GetElapsedTime(entry.LoadedAt);
            if (age < _refresh)
            {
                return ValueTask.FromResult(Decide(entry.Policy, header, input));
            }

            if (age < _refresh + _refresh)
            {
                _ = LoadAsync(model);
                return ValueTask.FromResult(Decide(entry.Policy, header, input));
            }
        }

        return RouteAfterLoadAsync(model, header, input, entry, cancellationToken);
    }

    private async ValueTask<RoutingDecision> RouteAfterLoadAsync(string model, Func<string, string?>? header, Func<string, string?>? input, Entry? stale, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await LoadAsync(model).WaitAsync(cancellationToken).ConfigureAwait(false);
            return Decide(entry.Policy, header, input);
        }
        catch (Exception exception) when (stale is not null && !cancellationToken.IsCancellationRequested)
        {
            // Storage is out of reach: keep routing with what we had rather than failing requests.
            Log.TrafficRefreshFailed(_logger, model, exception);
            return Decide(stale.Policy, header, input);
        }
    }

    /// <summary>One storage read per model at a time, however many requests ask together.</summary>
    private Task<Entry> LoadAsync(string model)
    {
        var load = _loads.GetOrAdd(model, name => ReadAsync(name));
        return load;
    }

    private async Task<Entry> ReadAsync(string model)
    {
        try
        {
            await Task.Yield();
            var started = _time.GetTimestamp();
            var stored = await _store.GetAsync(model, CancellationToken.None).ConfigureAwait(false);
            var entry = new Entry(stored?.Policy, started);
            _entries[model] = entry;
            return entry;
        }
        catch (Exception exception) when (_entries.ContainsKey(model))
        {
            Log.TrafficRefreshFailed(_logger, model, exception);
            throw;
        }
        finally
        {
            _loads.TryRemove(model, out _);
        }
    }

    private static RoutingDecision Decide(TrafficPolicy? policy, Func<string, string?>? header, Func<string, string?>? input) =>
        policy is null ? RoutingDecision.Champion : TrafficRouting.Decide(policy, header, input, Random.Shared);

    private async Task EnsureServableAsync(RegisteredModel model, int version, CancellationToken cancellationToken)
    {
        ModelVersion found;
        try
        {
            found = await _registry.GetVersionAsync(model.Name, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'weights.{version}': model '{model.Name}' has no version {version}."));
        }

        if (found.ApprovalStatus == ApprovalStatus.Rejected
            || (model.RequireApproval && found.ApprovalStatus != ApprovalStatus.Approved))
        {
            throw ModelOpsException.Conflict(string.Create(CultureInfo.InvariantCulture, $"Version {version} of model '{model.Name}' may not serve: it is {found.ApprovalStatus}."));
        }
    }

    /// <summary>The policy in a few words for logs and reasons: <c>1:90 2:10 mirror 3:20%</c>.</summary>
    public static string Describe(TrafficPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var weights = string.Join(' ', policy.Weights.OrderBy(w => w.Key).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key}:{w.Value}")));
        return policy.Mirror is { } m ? string.Create(CultureInfo.InvariantCulture, $"{weights} mirror {m.Version}:{m.Percent}%") : weights;
    }

    private sealed record Entry(TrafficPolicy? Policy, long LoadedAt);
}
