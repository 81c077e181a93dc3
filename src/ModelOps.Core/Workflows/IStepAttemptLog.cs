namespace ModelOps.Workflows;

/// <summary>
/// The port to the record of step executions. An orchestration's history counts a step once per call, so a step whose
/// worker died and whose work item the engine delivered again shows one attempt spanning the downtime; workers record
/// each execution here as it begins, and <see cref="StepAttempts.Apply"/> tells the truth from both.
/// </summary>
public interface IStepAttemptLog
{
    /// <summary>Records that an execution began.</summary>
    Task RecordAsync(StepAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Every recorded execution of a run's steps, oldest first.</summary>
    Task<IReadOnlyList<StepAttempt>> ListAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Forgets a run's executions (when the run is purged); nothing happens when there are none.</summary>
    Task DeleteAsync(string runId, CancellationToken cancellationToken = default);
}
