using DurableTask.Core;
using ModelOps.Errors;
using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>
/// <see cref="IWorkflowClient"/> over DurableTask.Core's <see cref="TaskHubClient"/> and the local engine's
/// <c>AzureStorageOrchestrationService</c>: status from the instance table, steps from the history table corrected by
/// the executions the engine's workers recorded.
/// </summary>
public sealed class LocalWorkflowClient : IWorkflowClient
{
    private static readonly OrchestrationStatus[] Ended =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    private readonly DurableEngine _engine;
    private readonly IStepAttemptLog _attempts;

    public LocalWorkflowClient(DurableEngine engine, IStepAttemptLog attempts)
    {
        _engine = engine;
        _attempts = attempts;
    }

    public async Task<bool> StartAsync(
        string name,
        string instanceId,
        object? input,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        RunIds.EnsureValid(instanceId);
        await _engine.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (await GetStateAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        // Two starters racing past the check above both send an ExecutionStarted message; the engine keeps the first
        // and drops the other, so the run still starts once.
        await _engine.Client.CreateOrchestrationInstanceAsync(
            name,
            string.Empty,
            instanceId,
            input,
            tags?.ToDictionary(StringComparer.Ordinal) ?? [])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<WorkflowInstance?> GetStatusAsync(string instanceId, bool includeSteps = true, CancellationToken cancellationToken = default)
    {
        if (!RunIds.IsValid(instanceId))
        {
            return null;
        }

        await _engine.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var state = await GetStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        IReadOnlyList<WorkflowStep> steps = [];
        if (includeSteps && state.OrchestrationInstance?.ExecutionId is { Length: > 0 } executionId)
        {
            var history = await _engine.Service.GetOrchestrationHistoryAsync(instanceId, executionId).WaitAsync(cancellationToken).ConfigureAwait(false);
            steps = StepAttempts.Apply(RunHistory.Steps(history), await _attempts.ListAsync(instanceId, cancellationToken).ConfigureAwait(false));
        }

        return RunStates.ToInstance(
            new RunState
            {
                Id = instanceId,
                Name = state.Name,
                Status = RunStates.ToRuntimeStatus(state.OrchestrationStatus),
                Tags = state.Tags,
                SerializedInput = state.Input,
                SerializedOutput = state.Output,
                SerializedCustomStatus = state.Status,
                ErrorType = state.FailureDetails?.ErrorType,
                ErrorMessage = state.FailureDetails?.ErrorMessage,
                CreatedTime = Utc(state.CreatedTime),
                LastUpdatedTime = Utc(state.LastUpdatedTime),
            },
            steps);
    }

    public async Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var state = await RequireStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (Ended.Contains(state.OrchestrationStatus))
        {
            return false;
        }

        await _engine.Client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason ?? "Terminated through the API.")
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        var state = await RequireStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (Ended.Contains(state.OrchestrationStatus))
        {
            throw ModelOpsException.Conflict($"Run '{instanceId}' has ended ({RunStates.ToRuntimeStatus(state.OrchestrationStatus)}); it takes no more events.");
        }

        await _engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload!)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        await _engine.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = await _engine.Service.PurgeInstanceHistoryAsync(RunStates.Epoch.UtcDateTime, createdBefore.UtcDateTime, Ended)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.InstancesDeleted;
    }

    private async Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        var states = await _engine.Service.GetOrchestrationStateAsync(instanceId, allExecutions: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        return states.FirstOrDefault(s => s is not null);
    }

    private async Task<OrchestrationState> RequireStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (RunIds.IsValid(instanceId))
        {
            await _engine.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            if (await GetStateAsync(instanceId, cancellationToken).ConfigureAwait(false) is { } state)
            {
                return state;
            }
        }

        throw ModelOpsException.NotFound($"There is no run '{instanceId}'.");
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
