using Microsoft.Extensions.Options;

namespace ModelOps.Workflows;

/// <summary>
/// Runs by model: starts them through the engine while keeping the <see cref="IRunIndex"/> that lists them newest
/// first, reads pages of them, and purges ended ones after the retention.
/// </summary>
public sealed class WorkflowRuns
{
    /// <summary>Status reads in flight at once while a page is filled.</summary>
    private const int PageReadConcurrency = 8;

    private readonly IWorkflowClient _client;
    private readonly IRunIndex _index;
    private readonly IStepAttemptLog _attempts;
    private readonly TimeProvider _time;
    private readonly WorkflowOptions _options;

    public WorkflowRuns(IWorkflowClient client, IRunIndex index, IStepAttemptLog attempts, TimeProvider time, IOptions<WorkflowOptions> options)
    {
        _client = client;
        _index = index;
        _attempts = attempts;
        _time = time;
        _options = options.Value;
    }

    public IWorkflowClient Client => _client;

    /// <summary>
    /// Starts a run of <paramref name="workflow"/> for <paramref name="model"/> unless a run with <paramref name="runId"/>
    /// exists already. The index entry is written first, so a listed run that never started is skipped when read, and a
    /// started run is always listed. Returns false when the run existed.
    /// </summary>
    public async Task<bool> StartAsync(
        string workflow,
        string runId,
        object input,
        string model,
        string trigger,
        DateTimeOffset startedAt,
        CancellationToken cancellationToken = default)
    {
        await _index.AddAsync(new RunIndexEntry(model, runId, workflow, trigger, startedAt), cancellationToken).ConfigureAwait(false);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["model"] = model, ["trigger"] = trigger };
        return await _client.StartAsync(workflow, runId, input, tags, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of a model's runs, newest first, each with its status and steps.</summary>
    public async Task<WorkflowPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var page = await _index.ListAsync(model, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
        var runs = new WorkflowInstance?[page.Entries.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runs.Length),
            new ParallelOptions { MaxDegreeOfParallelism = PageReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => runs[i] = await _client.GetStatusAsync(page.Entries[i].RunId, includeSteps: true, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new WorkflowPage([.. runs.OfType<WorkflowInstance>()], page.ContinuationToken);
    }

    /// <summary>
    /// Deletes ended runs created before the retention began, and the index entries and step executions of runs that are
    /// gone. Runs still going (a rollout waiting for approval) stay, however old.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - _options.HistoryRetention;
        var purged = await _client.PurgeEndedAsync(cutoff, cancellationToken).ConfigureAwait(false);
        await foreach (var entry in _index.ListStartedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            if (await _client.GetStatusAsync(entry.RunId, includeSteps: false, cancellationToken).ConfigureAwait(false) is null)
            {
                await _attempts.DeleteAsync(entry.RunId, cancellationToken).ConfigureAwait(false);
                await _index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        return purged;
    }
}
