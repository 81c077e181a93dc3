using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Storage;
using ModelOps.Workflows.Persistence;
using ModelOps.Workflows.Registration;
using ModelOps.Workflows.Replay;

namespace ModelOps.Workflows;

/// <summary>The <see cref="IWorkflowClient"/> of the local runner: writes to the runs' partitions and wakes them through the queue.</summary>
internal sealed class WorkflowClient(
    WorkflowStore store,
    WorkflowRegistry registry,
    IOptions<WorkflowRunnerOptions> options,
    TimeProvider time) : IWorkflowClient
{
    private const int MaxIdLength = 200;

    public async Task<string> StartAsync(string name, object? input = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (registry.FindWorkflow(name) is null)
        {
            throw ModelOpsException.Invalid($"There is no workflow named '{name}'.");
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var tags = options?.Tags ?? new Dictionary<string, string>();
        foreach (var (key, value) in tags)
        {
            if (string.IsNullOrEmpty(key) || key.Length > 100 || value is null || value.Length > 200)
            {
                throw ModelOpsException.Invalid($"Tag '{key}' needs a name of 1–100 characters and a value of at most 200.");
            }
        }

        await store.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var json = Invokers.Serialize(input);
        var instance = new InstanceRecord
        {
            InstanceId = instanceId,
            Name = name,
            RuntimeStatus = WorkflowRuntimeStatus.Pending,
            Input = json,
            CreatedTime = now,
            LastUpdatedTime = now,
            Tags = new Dictionary<string, string>(tags),
        };
        try
        {
            var started = new HistoryEvent(HistoryEventType.ExecutionStarted, now) { Name = name, Data = json };
            await store.CreateAsync(instance, started, cancellationToken).ConfigureAwait(false);
        }
        catch (PayloadTooLargeException ex)
        {
            throw ModelOpsException.Invalid(ex.Message);
        }
        catch (StorageConflictException ex) when (ex.Conflict == StorageConflict.AlreadyExists)
        {
            throw ModelOpsException.Conflict($"A run with id '{instanceId}' exists already.");
        }

        await store.AddToIndexAsync(instance, cancellationToken).ConfigureAwait(false);
        await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, instanceId), null, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    public async Task<WorkflowInstance?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (!IsValidInstanceId(instanceId))
        {
            return null;
        }

        await store.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        var steps = await store.GetStepsAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return instance.ToInstance(steps);
    }

    public async Task<WorkflowPage> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw ModelOpsException.Invalid("pageSize must be between 1 and 1000.");
        }

        await store.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = WorkflowStore.IndexPartition(query.TagName, query.TagValue);
        var page = await store.QueryIndexAsync(partition, query.PageSize, query.ContinuationToken, cancellationToken).ConfigureAwait(false);
        var runs = new List<WorkflowInstance>();
        foreach (var row in page.Entities)
        {
            var instance = await store.GetInstanceAsync(row.GetString("InstanceId") ?? string.Empty, cancellationToken).ConfigureAwait(false);
            if (instance is not null)
            {
                runs.Add(instance.ToInstance([]));
            }
        }

        return new WorkflowPage(runs, page.ContinuationToken);
    }

    public async Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var instance = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance.IsTerminal)
        {
            return false;
        }

        var terminate = new HistoryEvent(HistoryEventType.ExecutionTerminated, time.GetUtcNow()) { Data = reason ?? "Terminated by a client." };
        await store.UpsertInboxAsync(instanceId, HistoryTable.TerminateRowKey, terminate, cancellationToken).ConfigureAwait(false);
        await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, instanceId), null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var instance = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance.IsTerminal)
        {
            throw ModelOpsException.Conflict($"Run '{instanceId}' has ended ({instance.RuntimeStatus}); it takes no more events.");
        }

        var now = time.GetUtcNow();
        var raised = new HistoryEvent(HistoryEventType.EventRaised, now) { Name = eventName, Data = Invokers.Serialize(payload) };
        try
        {
            await store.AddInboxAsync(instanceId, HistoryTable.ExternalEventRowKey(now, Guid.NewGuid()), raised, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (PayloadTooLargeException ex)
        {
            throw ModelOpsException.Invalid(ex.Message);
        }

        await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, instanceId), null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (!IsValidInstanceId(instanceId))
        {
            return false;
        }

        await store.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return false;
        }

        if (!instance.IsTerminal)
        {
            throw ModelOpsException.Conflict($"Run '{instanceId}' is still {instance.RuntimeStatus}; terminate it before purging.");
        }

        await store.RemoveFromIndexAsync(instance, cancellationToken).ConfigureAwait(false);
        var rows = await store.QueryPartitionAsync(instanceId, null, cancellationToken).ConfigureAwait(false);
        await store.DeleteRowsAsync(rows, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var status = await GetStatusAsync(instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw ModelOpsException.NotFound($"There is no run '{instanceId}'.");
            if (status.IsTerminal)
            {
                return status;
            }

            await Task.Delay(options.Value.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<InstanceRecord> RequireAsync(string instanceId, CancellationToken cancellationToken)
    {
        await store.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var instance = IsValidInstanceId(instanceId)
            ? await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            : null;
        return instance ?? throw ModelOpsException.NotFound($"There is no run '{instanceId}'.");
    }

    private static void ValidateInstanceId(string instanceId)
    {
        if (!IsValidInstanceId(instanceId))
        {
            throw ModelOpsException.Invalid(
                $"Run id '{instanceId}' is not valid: use 1–{MaxIdLength} letters, digits and the characters - _ . : @");
        }
    }

    private static bool IsValidInstanceId(string instanceId) =>
        !string.IsNullOrEmpty(instanceId)
        && instanceId.Length <= MaxIdLength
        && instanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@');
}
