namespace ModelOps.Workflows;

/// <summary>One run in the <see cref="IRunIndex"/>.</summary>
/// <param name="Model">The model the run works on.</param>
/// <param name="RunId">The run's instance id.</param>
/// <param name="Workflow">The orchestration's name.</param>
/// <param name="Trigger">What started it (e.g. <c>blob</c>, <c>manual</c>, <c>schedule</c>).</param>
/// <param name="StartedAt">When it was started; derived from the trigger where the id is, so a repeated start writes the same entry.</param>
public sealed record RunIndexEntry(string Model, string RunId, string Workflow, string Trigger, DateTimeOffset StartedAt);
