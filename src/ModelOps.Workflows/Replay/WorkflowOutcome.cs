namespace ModelOps.Workflows.Replay;

/// <summary>The end of an execution: its output, its failure, or the input of the next execution.</summary>
internal sealed record WorkflowOutcome(WorkflowOutcomeKind Kind, string? Output, WorkflowFailureDetails? Failure);
