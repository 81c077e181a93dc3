namespace ModelOps.Workflows.Persistence;

/// <summary>What an outbox row does once its episode has committed.</summary>
internal enum OutboxKind
{
    /// <summary>Put a work item on the queue (optionally delayed: timers).</summary>
    Enqueue,

    /// <summary>Create a sub-workflow instance and start it.</summary>
    StartChild,

    /// <summary>Tell the parent run that this child ended.</summary>
    NotifyParent,
}
