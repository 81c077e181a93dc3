using System.Collections.Concurrent;
using ModelOps.Inference;

namespace ModelOps.Rollouts;

/// <summary>
/// Counts, in this process, each version's answered and failed requests and their latencies (mirrored copies
/// included): the live numbers rollout guardrails compare. Cumulative since the process started; a flusher writes
/// them to storage so every host's numbers add up.
/// </summary>
public sealed class VersionTraffic : IInferenceObserver
{
    private readonly ConcurrentDictionary<(string Model, int Version), Counter> _counters = new();

    public void OnInferred(InferenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CounterOf(record.Version.Name, record.Version.Version).Add(record.Elapsed, failed: false);
    }

    public void OnFailed(string model, int? version, Exception error, TimeSpan elapsed)
    {
        if (version is int known)
        {
            CounterOf(model, known).Add(elapsed, failed: true);
        }
    }

    /// <summary>Every version's cumulative numbers in this process.</summary>
    public IReadOnlyList<VersionCounters> Snapshot() =>
        [.. _counters.Select(pair => pair.Value.Read(pair.Key.Model, pair.Key.Version))];

    private Counter CounterOf(string model, int version) => _counters.GetOrAdd((model, version), _ => new Counter());

    private sealed class Counter
    {
        private readonly long[] _buckets = new long[VersionCounters.BucketCount];
        private long _requests;
        private long _errors;

        public void Add(TimeSpan elapsed, bool failed)
        {
            Interlocked.Increment(ref _buckets[VersionCounters.BucketOf(elapsed)]);
            Interlocked.Increment(ref failed ? ref _errors : ref _requests);
        }

        public VersionCounters Read(string model, int version)
        {
            var buckets = new long[_buckets.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = Interlocked.Read(ref _buckets[i]);
            }

            return new VersionCounters(model, version, Interlocked.Read(ref _requests), Interlocked.Read(ref _errors), buckets);
        }
    }
}
