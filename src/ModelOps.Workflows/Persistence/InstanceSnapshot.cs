using ModelOps.Storage;
using ModelOps.Workflows.Replay;

namespace ModelOps.Workflows.Persistence;

/// <summary>Everything in one instance's partition, read for an episode.</summary>
internal sealed record InstanceSnapshot(
    InstanceRecord Instance,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<(TableEntity Row, HistoryEvent Event)> Inbox,
    IReadOnlyList<TableEntity> Outbox,
    IReadOnlyList<TableEntity> StaleHistory);
