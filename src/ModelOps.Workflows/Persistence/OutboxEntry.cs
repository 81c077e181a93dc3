using ModelOps.Workflows.Replay;

namespace ModelOps.Workflows.Persistence;

/// <summary>
/// A side effect of an episode, written in the same transaction as its history and carried out after the commit
/// (the transactional-outbox pattern): a host that dies after committing leaves the rows for the next episode to
/// carry out, so no scheduled activity, timer or child start is ever lost.
/// </summary>
internal sealed record OutboxEntry(OutboxKind Kind)
{
    public WorkItem? WorkItem { get; init; }

    public DateTimeOffset? VisibleAt { get; init; }

    public string? ChildInstanceId { get; init; }

    public string? ChildName { get; init; }

    public string? ChildInput { get; init; }

    public string? ParentInstanceId { get; init; }

    public int ParentExecution { get; init; }

    /// <summary>For <see cref="OutboxKind.NotifyParent"/>: the completion to put in the parent's inbox.</summary>
    public HistoryEvent? Event { get; init; }
}
