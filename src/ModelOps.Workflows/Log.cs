using Microsoft.Extensions.Logging;

namespace ModelOps.Workflows;

/// <summary>Every log message of the workflow runner, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Workflow runner started on queue {Queue} (table {Table}); re-enqueued {Count} unfinished runs")]
    public static partial void RunnerStarted(ILogger logger, string queue, string table, int count);

    [LoggerMessage(4002, LogLevel.Information, "Run {InstanceId} of workflow {Workflow} started")]
    public static partial void RunStarted(ILogger logger, string instanceId, string workflow);

    [LoggerMessage(4003, LogLevel.Information, "Run {InstanceId} of workflow {Workflow} ended {Status}")]
    public static partial void RunEnded(ILogger logger, string instanceId, string workflow, WorkflowRuntimeStatus status);

    [LoggerMessage(4004, LogLevel.Debug, "Run {InstanceId} episode appended {Events} events and scheduled {Actions} actions")]
    public static partial void EpisodeCommitted(ILogger logger, string instanceId, int events, int actions);

    [LoggerMessage(4005, LogLevel.Debug, "Run {InstanceId} was changed by another runner first; the episode will run again")]
    public static partial void EpisodeConflict(ILogger logger, string instanceId);

    [LoggerMessage(4006, LogLevel.Debug, "Dropped work item {Kind} for run {InstanceId} task {TaskId}: {Reason}")]
    public static partial void WorkItemDropped(ILogger logger, string kind, string instanceId, int taskId, string reason);

    [LoggerMessage(4007, LogLevel.Information, "Activity {Activity} of run {InstanceId} (task {TaskId}) {Outcome} in {ElapsedMs} ms")]
    public static partial void ActivityRan(ILogger logger, string activity, string instanceId, int taskId, string outcome, long elapsedMs);

    [LoggerMessage(4008, LogLevel.Warning, "Work item {MessageId} failed and will be delivered again")]
    public static partial void WorkItemFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(4009, LogLevel.Warning, "Work item {MessageId} is not a workflow work item and is deleted: {Content}")]
    public static partial void WorkItemUnreadable(ILogger logger, string messageId, string content);

    [LoggerMessage(4010, LogLevel.Error, "Work item {Kind} of run {InstanceId} was delivered {Count} times and is given up")]
    public static partial void WorkItemPoisoned(ILogger logger, string kind, string instanceId, long count);

    [LoggerMessage(4011, LogLevel.Warning, "Polling the work-item queue failed; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(4012, LogLevel.Information, "Purged the history of {Count} ended runs older than {Retention}")]
    public static partial void HistoryPurged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(4013, LogLevel.Warning, "Could not renew work item {MessageId}; another runner may take it")]
    public static partial void RenewFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(4015, LogLevel.Warning, "Lost the lease {Lease} of run {InstanceId}; another runner may run the activity too")]
    public static partial void LeaseLost(ILogger logger, string instanceId, string lease, Exception exception);

    [LoggerMessage(4014, LogLevel.Warning, "Purging expired history failed; will try again")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);
}
