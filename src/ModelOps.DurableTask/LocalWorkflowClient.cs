using DurableTask.Core;
using ModelOps.Errors;
using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>
/// <see cref="IWorkflowClient"/> over DurableTask.Core's <see cref="TaskHubClient"/> and the local engine's
/// <c>AzureStorageOrchestrationService</c>: status from the instance table, steps from the history table.
/// </summary>
public sealed class LocalWorkflowClient : IWorkflowClient
{
    private static readonly OrchestrationStatus[] Ended =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    /// <summary>Instances older than this cannot exist (Table storage keeps no dates before 1601; our runs began later).</summary>
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly DurableEngine _engine;

    public LocalWorkflowClient(DurableEngine engine)
    {
        _engine = engine;
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
            steps = RunHistory.Steps(history);
        }

        return new WorkflowInstance
        {
            Id = instanceId,
            Name = state.Name,
            RuntimeStatus = ToRuntimeStatus(state.OrchestrationStatus),
            Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(),
            Input = RunJson.Parse(state.Input),
            Output = state.OrchestrationStatus == OrchestrationStatus.Completed ? RunJson.Parse(state.Output) : null,
            CustomStatus = RunJson.Parse(state.Status),
            Failure = Failure(state),
            CreatedTime = Utc(state.CreatedTime),
            LastUpdatedTime = Utc(state.LastUpdatedTime),
            Steps = steps,
        };
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
            throw ModelOpsException.Conflict($"Run '{instanceId}' has ended ({ToRuntimeStatus(state.OrchestrationStatus)}); it takes no more events.");
        }

        await _engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload!)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        await _engine.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = await _engine.Service.PurgeInstanceHistoryAsync(Epoch, createdBefore.UtcDateTime, Ended)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.InstancesDeleted;
    }

    internal static WorkflowRuntimeStatus ToRuntimeStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew => WorkflowRuntimeStatus.Running,
        OrchestrationStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationStatus.Failed => WorkflowRuntimeStatus.Failed,
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => WorkflowRuntimeStatus.Terminated,
        OrchestrationStatus.Suspended => WorkflowRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    /// <summary>
    /// Why a run failed or was terminated. DurableTask.AzureStorage keeps no failure details in its instance table: a
    /// failed run's output is the failure as text (<c>ErrorType: message</c>), a terminated run's the reason.
    /// </summary>
    private static WorkflowFailureDetails? Failure(OrchestrationState state)
    {
        if (state.FailureDetails is { } details)
        {
            return new WorkflowFailureDetails(details.ErrorType, details.ErrorMessage);
        }

        var text = RunJson.AsText(state.Output);
        return state.OrchestrationStatus switch
        {
            OrchestrationStatus.Failed when text?.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon && !text[..colon].Contains(' ', StringComparison.Ordinal)
                => new WorkflowFailureDetails(text[..colon], text[(colon + 2)..]),
            OrchestrationStatus.Failed => new WorkflowFailureDetails("Failure", text ?? "The run failed."),
            OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => new WorkflowFailureDetails("Terminated", text ?? "The run was terminated."),
            _ => null,
        };
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
