namespace ModelOps.Workflows;

/// <summary>
/// The port to the index of runs by model, newest first: the engine's instance store is keyed by run id and cannot
/// list one model's runs in time order, so the core records each run it starts here.
/// </summary>
public interface IRunIndex
{
    /// <summary>Records a run. Idempotent: the same entry again changes nothing.</summary>
    Task AddAsync(RunIndexEntry entry, CancellationToken cancellationToken = default);

    /// <summary>One page of a model's runs, newest first.</summary>
    Task<RunIndexPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Every entry of every model started before <paramref name="before"/>, in no particular order.</summary>
    IAsyncEnumerable<RunIndexEntry> ListStartedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry; nothing happens when it is gone already.</summary>
    Task RemoveAsync(RunIndexEntry entry, CancellationToken cancellationToken = default);
}
