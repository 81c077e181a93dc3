namespace ModelOps.Rollouts;

/// <summary>One step of a rollout: the candidate's share (or a mirror of the traffic) and when it started and ended.</summary>
/// <param name="Percent">The candidate's share of the requests in this step (0 for a mirror step).</param>
/// <param name="Mirror">Whether the candidate gets a mirrored copy of every request instead of a share.</param>
public sealed record RolloutStep(int Percent, bool Mirror = false)
{
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}
