using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;

namespace ModelOps.Rollouts;

/// <summary>Writes this host's numbers, then reads the candidate's and baseline's summed over every host, and the clock.</summary>
public sealed class ReadLiveNumbersActivity(VersionTrafficFlusher flusher, IVersionTrafficStore store, TimeProvider time, IHostApplicationLifetime lifetime)
    : Workflows.CancellableActivity<LiveNumbersRequest, LiveNumbers>(lifetime)
{
    public const string Name = "ReadLiveNumbers";

    public override async Task<LiveNumbers> RunAsync(TaskActivityContext context, LiveNumbersRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await flusher.FlushAsync(cancellationToken).ConfigureAwait(false);
        var candidate = await store.ReadAsync(input.Model, input.Candidate, cancellationToken).ConfigureAwait(false);
        var baseline = await store.ReadAsync(input.Model, input.Baseline, cancellationToken).ConfigureAwait(false);
        return new LiveNumbers(candidate, baseline, time.GetUtcNow());
    }
}
