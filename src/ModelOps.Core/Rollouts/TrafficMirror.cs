namespace ModelOps.Rollouts;

/// <summary>A copy of <paramref name="Percent"/> % of the requests goes to <paramref name="Version"/> after the primary answer; its answers are recorded, never returned.</summary>
public sealed record TrafficMirror(int Version, int Percent);
