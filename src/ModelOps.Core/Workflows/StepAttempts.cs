namespace ModelOps.Workflows;

/// <summary>Corrects the steps a run's history tells with the executions its workers recorded.</summary>
public static class StepAttempts
{
    /// <summary>Clocks of the worker and of the history's writer may differ this much.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(1);

    /// <summary>
    /// For each step, the executions recorded under its name between its first scheduling and its end (or now) are its
    /// attempts when they are more than the history counted (an execution the engine delivered again after a crash);
    /// its duration is then the last execution's, not one that includes the downtime. A step's start stays the time it
    /// was first scheduled.
    /// </summary>
    public static IReadOnlyList<WorkflowStep> Apply(IReadOnlyList<WorkflowStep> steps, IReadOnlyList<StepAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return steps;
        }

        var corrected = new WorkflowStep[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var executions = attempts
                .Where(a => a.Step == step.Name && (step.Start is not { } start || a.StartedAt >= start - Skew) && (step.End is not { } end || a.StartedAt <= end + Skew))
                .Select(a => a.StartedAt)
                .ToList();
            if (executions.Count <= step.Attempts)
            {
                corrected[i] = step;
                continue;
            }

            var last = executions.Max();
            corrected[i] = step with
            {
                Attempts = executions.Count,
                DurationMs = step.End is { } ended ? Math.Max(0, (long)(ended - last).TotalMilliseconds) : null,
            };
        }

        return corrected;
    }
}
