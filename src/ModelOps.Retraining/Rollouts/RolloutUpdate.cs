namespace ModelOps.Rollouts;

/// <summary>What <see cref="UpdateRolloutActivity"/> writes: the rollout's record and, with it, a traffic change.</summary>
/// <param name="Rollout">The rollout as it stands now.</param>
/// <param name="Traffic">The policy to apply first; null to change no traffic.</param>
/// <param name="ChangeId">The serving history entry's id (the same on a retry, so it is written once).</param>
/// <param name="SetChampion">Points the champion alias at the candidate (a successful end).</param>
public sealed record RolloutUpdate(Rollout Rollout, TrafficPolicy? Traffic = null, string? ChangeId = null, bool SetChampion = false);
