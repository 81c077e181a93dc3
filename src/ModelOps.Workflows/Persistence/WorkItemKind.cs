namespace ModelOps.Workflows.Persistence;

/// <summary>What a queue message asks a runner to do.</summary>
internal enum WorkItemKind
{
    /// <summary>Run an episode of the instance: take its inbox into history and let the code decide.</summary>
    Orchestrator,

    /// <summary>Execute one scheduled activity.</summary>
    Activity,

    /// <summary>A durable timer is due.</summary>
    Timer,
}
