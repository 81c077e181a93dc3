using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelOps.Serialization;
using ModelOps.Workflows;

namespace ModelOps.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowClient"/> over Durable Functions' client, so the runs API and the triggers start and read
/// runs on Azure exactly as they do against the local runner. Tags travel in the envelope; steps in custom status.
/// </summary>
internal sealed class DurableWorkflowClient(DurableTaskClient client) : IWorkflowClient
{
    public async Task<string> StartAsync(string name, object? input = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default)
    {
        var envelope = new WorkflowEnvelope(name, input is null ? null : JsonSerializer.Serialize(input, input.GetType(), ModelOpsJson.Options), options?.Tags);
        return await client.ScheduleNewOrchestrationInstanceAsync(
            DurableWorkflowContext.WorkflowFunction,
            envelope,
            new StartOrchestrationOptions(options?.InstanceId),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<WorkflowInstance?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return metadata is null ? null : ToInstance(metadata);
    }

    public async Task<WorkflowPage> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new OrchestrationQuery { PageSize = query.PageSize, ContinuationToken = query.ContinuationToken, FetchInputsAndOutputs = true };
        await foreach (var page in client.GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var runs = page.Values.Select(ToInstance)
                .Where(run => query.TagName is null || (run.Tags.TryGetValue(query.TagName, out var value) && value == query.TagValue))
                .OrderByDescending(run => run.CreatedTime)
                .ToList();
            return new WorkflowPage(runs, page.ContinuationToken);
        }

        return new WorkflowPage([], null);
    }

    public async Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (metadata is null || metadata.IsCompleted)
        {
            return false;
        }

        await client.TerminateInstanceAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        return result.PurgedInstanceCount > 0;
    }

    public async Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return ToInstance(metadata);
    }

    private static WorkflowInstance ToInstance(OrchestrationMetadata metadata)
    {
        var envelope = metadata.ReadInputAs<WorkflowEnvelope>();
        return new WorkflowInstance
        {
            Id = metadata.InstanceId,
            Name = envelope?.Name ?? metadata.Name,
            RuntimeStatus = metadata.RuntimeStatus switch
            {
                OrchestrationRuntimeStatus.Pending => WorkflowRuntimeStatus.Pending,
                OrchestrationRuntimeStatus.Completed => WorkflowRuntimeStatus.Completed,
                OrchestrationRuntimeStatus.Failed => WorkflowRuntimeStatus.Failed,
                OrchestrationRuntimeStatus.Terminated => WorkflowRuntimeStatus.Terminated,
                _ => WorkflowRuntimeStatus.Running,
            },
            Tags = envelope?.Tags ?? new Dictionary<string, string>(),
            Input = Parse(envelope?.Input),
            Output = Parse(metadata.ReadOutputAs<string>()),
            CustomStatus = Parse(metadata.SerializedCustomStatus),
            CreatedTime = metadata.CreatedAt,
            LastUpdatedTime = metadata.LastUpdatedAt,
        };
    }

    private static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json).RootElement.Clone();
}
