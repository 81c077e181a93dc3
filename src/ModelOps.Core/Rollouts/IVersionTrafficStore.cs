namespace ModelOps.Rollouts;

/// <summary>Where each host's live version numbers are written, so a rollout reads every host's together.</summary>
public interface IVersionTrafficStore
{
    /// <summary>Writes this host's cumulative numbers (replacing what it wrote before).</summary>
    Task WriteAsync(string host, IReadOnlyList<VersionCounters> counters, CancellationToken cancellationToken = default);

    /// <summary>The sum over every host of the version's cumulative numbers.</summary>
    Task<VersionCounters> ReadAsync(string model, int version, CancellationToken cancellationToken = default);
}
