namespace ModelOps.Workflows;

/// <summary>One execution of a step as the worker that ran it recorded it when it began.</summary>
/// <param name="RunId">The run (orchestration instance) id.</param>
/// <param name="Step">The activity's name.</param>
/// <param name="StartedAt">When the worker began executing it.</param>
public sealed record StepAttempt(string RunId, string Step, DateTimeOffset StartedAt);
