using System.ComponentModel.DataAnnotations;

namespace ModelOps.Rollouts;

/// <summary>Rollout settings (<c>ModelOps:Rollouts:*</c>).</summary>
public sealed class RolloutOptions
{
    /// <summary>How often each host writes its live per-version numbers for guardrails. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a rollout of a version awaiting approval waits before it is Aborted. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromDays(7);
}
