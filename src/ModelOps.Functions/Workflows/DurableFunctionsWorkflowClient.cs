using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ModelOps.DurableTask;
using ModelOps.Errors;
using ModelOps.Workflows;

namespace ModelOps.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowClient"/> over Durable Functions' <see cref="DurableTaskClient"/> (the invocation's, from
/// <see cref="DurableClientAccessor"/>), with the local client's contract: a start whose id exists starts nothing,
/// steps come from the orchestration history, terminate and raise event answer 404 for an unknown run and refuse an
/// ended one.
/// </summary>
public sealed class DurableFunctionsWorkflowClient : IWorkflowClient
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Every status a run can be in: a start finding its id in any of them starts nothing.</summary>
    private static readonly OrchestrationRuntimeStatus[] AnyStatus =
        [.. Ended, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly DurableClientAccessor _accessor;
    private readonly IStepAttemptLog _attempts;
    private readonly ILogger<DurableFunctionsWorkflowClient> _logger;

    public DurableFunctionsWorkflowClient(DurableClientAccessor accessor, IStepAttemptLog attempts, ILogger<DurableFunctionsWorkflowClient> logger)
    {
        _accessor = accessor;
        _attempts = attempts;
        _logger = logger;
    }

    public async Task<bool> StartAsync(
        string name,
        string instanceId,
        object? input,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        RunIds.EnsureValid(instanceId);
        var client = _accessor.Client;
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        // Two starters racing past the check above: the dedupe statuses ask the backend to refuse the second, which the
        // client reports as OrchestrationAlreadyExistsException (a backend that ignores them keeps one run for a
        // running instance id all the same).
        var options = new StartOrchestrationOptions(instanceId) { Tags = tags ?? new Dictionary<string, string>() }.WithDedupeStatuses(AnyStatus);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    public async Task<WorkflowInstance?> GetStatusAsync(string instanceId, bool includeSteps = true, CancellationToken cancellationToken = default)
    {
        if (!RunIds.IsValid(instanceId))
        {
            return null;
        }

        var client = _accessor.Client;
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return null;
        }

        var steps = includeSteps ? await StepsAsync(client, instanceId, cancellationToken).ConfigureAwait(false) : [];
        return RunStates.ToInstance(
            new RunState
            {
                Id = metadata.InstanceId,
                Name = metadata.Name,
                Status = RunStates.ToRuntimeStatus(metadata.RuntimeStatus),
                Tags = metadata.Tags,
                SerializedInput = metadata.SerializedInput,
                SerializedOutput = metadata.SerializedOutput,
                SerializedCustomStatus = metadata.SerializedCustomStatus,
                ErrorType = metadata.FailureDetails?.ErrorType,
                ErrorMessage = metadata.FailureDetails?.ErrorMessage,
                CreatedTime = metadata.CreatedAt,
                LastUpdatedTime = metadata.LastUpdatedAt,
            },
            steps);
    }

    public async Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var (client, metadata) = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (Ended.Contains(metadata.RuntimeStatus))
        {
            return false;
        }

        await client.TerminateInstanceAsync(instanceId, reason ?? "Terminated through the API.", cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        var (client, metadata) = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (Ended.Contains(metadata.RuntimeStatus))
        {
            throw ModelOpsException.Conflict($"Run '{instanceId}' has ended ({RunStates.ToRuntimeStatus(metadata.RuntimeStatus)}); it takes no more events.");
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        var result = await _accessor.Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(RunStates.Epoch, createdBefore, Ended),
            cancellation: cancellationToken).ConfigureAwait(false);
        return result.PurgedInstanceCount;
    }

    /// <summary>
    /// The run's steps from its history. A client or host that cannot stream history (the base client's
    /// <see cref="NotSupportedException"/>, a host without the gRPC call) leaves them empty rather than failing the status.
    /// </summary>
    private async Task<IReadOnlyList<WorkflowStep>> StepsAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var history = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
            return StepAttempts.Apply(RunHistory.Steps(history), await _attempts.ListAsync(instanceId, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is NotSupportedException or RpcException { StatusCode: StatusCode.Unimplemented })
        {
            Log.HistoryUnavailable(_logger, instanceId, exception.Message);
            return [];
        }
    }

    private async Task<(DurableTaskClient Client, OrchestrationMetadata Metadata)> RequireAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (RunIds.IsValid(instanceId))
        {
            var client = _accessor.Client;
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { } metadata)
            {
                return (client, metadata);
            }
        }

        throw ModelOpsException.NotFound($"There is no run '{instanceId}'.");
    }
}
