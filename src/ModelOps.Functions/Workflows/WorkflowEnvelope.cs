namespace ModelOps.Functions.Workflows;

/// <summary>
/// The input of the one orchestrator function: which registered workflow to run and its JSON input. One generic
/// orchestrator (and one generic activity) keeps the Functions app free of per-workflow boilerplate.
/// </summary>
public sealed record WorkflowEnvelope(string Name, string? Input, IReadOnlyDictionary<string, string>? Tags = null);
