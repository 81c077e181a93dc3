namespace ModelOps.Workflows;

/// <summary>Where an activity execution belongs.</summary>
/// <param name="InstanceId">The workflow run that scheduled it.</param>
/// <param name="Name">The activity's registered name.</param>
/// <param name="TaskId">The id the workflow gave this call (unique within one execution of the run).</param>
/// <param name="Execution">The execution of the run (it grows by one on every continue-as-new).</param>
public sealed record ActivityContext(string InstanceId, string Name, int TaskId, int Execution)
{
    /// <summary>
    /// Stable across re-runs of this call after a crash, distinct for every other call (and every retry attempt):
    /// <c>{instanceId}:{execution}:{taskId}</c>.
    /// </summary>
    public string IdempotencyKey => FormattableString.Invariant($"{InstanceId}:{Execution}:{TaskId}");
}
