using System.Text.Json;
using Microsoft.DurableTask;
using ModelOps.Serialization;
using ModelOps.Workflows;
using RetryPolicy = ModelOps.Workflows.RetryPolicy;

namespace ModelOps.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowContext"/> over Durable Functions' <see cref="TaskOrchestrationContext"/>: the same workflow
/// classes run here and under the local runner. Everything delegates to Durable's deterministic primitives.
/// </summary>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context, WorkflowEnvelope envelope) : IWorkflowContext
{
    public const string ActivityFunction = "ModelOpsActivity";
    public const string WorkflowFunction = "ModelOpsWorkflow";

    private int _taskId;

    public string InstanceId => context.InstanceId;

    public string Name => envelope.Name;

    public bool IsReplaying => context.IsReplaying;

    public DateTimeOffset CurrentUtcDateTime => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public T? GetInput<T>() => envelope.Input is null ? default : JsonSerializer.Deserialize<T>(envelope.Input, ModelOpsJson.Options);

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryPolicy? retry = null)
    {
        var call = new ActivityEnvelope(name, Serialize(input), InstanceId, ++_taskId);
        var json = await context.CallActivityAsync<string?>(ActivityFunction, call, Options(retry));
        return json is null ? default! : JsonSerializer.Deserialize<TResult>(json, ModelOpsJson.Options)!;
    }

    public Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null) =>
        CallActivityAsync<JsonElement?>(name, input, retry);

    public Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken = default) =>
        context.CreateTimer(fireAt.UtcDateTime, cancellationToken);

    public async Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout)
    {
        try
        {
            return await context.WaitForExternalEvent<T>(name, timeout);
        }
        catch (TaskCanceledException)
        {
            throw new ExternalEventTimeoutException(name, timeout);
        }
    }

    public Guid NewGuid() => context.NewGuid();

    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input = null, string? instanceId = null)
    {
        var options = instanceId is null ? null : new SubOrchestrationOptions { InstanceId = instanceId };
        var json = await context.CallSubOrchestratorAsync<string?>(WorkflowFunction, new WorkflowEnvelope(name, Serialize(input)), options);
        return json is null ? default! : JsonSerializer.Deserialize<TResult>(json, ModelOpsJson.Options)!;
    }

    public void ContinueAsNew(object? newInput) =>
        context.ContinueAsNew(envelope with { Input = Serialize(newInput) });

    private static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), ModelOpsJson.Options);

    private static TaskOptions? Options(RetryPolicy? retry) => retry is null
        ? null
        : TaskOptions.FromRetryPolicy(new Microsoft.DurableTask.RetryPolicy(
            retry.MaxAttempts,
            retry.FirstRetryInterval,
            retry.BackoffCoefficient,
            retry.MaxRetryInterval));
}
