using DurableTask.Core;
using Microsoft.DurableTask.Client;
using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>
/// Reads what either engine client reports about a run into the port's terms, so the local client (DurableTask.Core's
/// <see cref="OrchestrationStatus"/>) and the Functions app's client (<see cref="OrchestrationRuntimeStatus"/> of
/// Microsoft.DurableTask.Client) give the runs API the same statuses and failures.
/// </summary>
public static class RunStates
{
    /// <summary>Runs older than this cannot exist (Table storage keeps no dates before 1601; our runs began later): the lower bound of a purge.</summary>
    public static DateTimeOffset Epoch { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static WorkflowRuntimeStatus ToRuntimeStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew => WorkflowRuntimeStatus.Running,
        OrchestrationStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationStatus.Failed => WorkflowRuntimeStatus.Failed,
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => WorkflowRuntimeStatus.Terminated,
        OrchestrationStatus.Suspended => WorkflowRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static WorkflowRuntimeStatus ToRuntimeStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running => WorkflowRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => WorkflowRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => WorkflowRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => WorkflowRuntimeStatus.Suspended,
        // ContinuedAsNew and Canceled are obsolete in this client (never reported); an unknown value is a broken invariant.
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    /// <summary>
    /// Why a run failed or was terminated: the engine's failure details when it kept them; otherwise the run's output,
    /// which is the failure as text (<c>ErrorType: message</c>, DurableTask.AzureStorage's instance table) for a failed
    /// run and the reason for a terminated one.
    /// </summary>
    public static WorkflowFailureDetails? Failure(WorkflowRuntimeStatus status, string? errorType, string? errorMessage, string? serializedOutput)
    {
        if (errorType is not null)
        {
            return new WorkflowFailureDetails(errorType, errorMessage ?? string.Empty);
        }

        var text = RunJson.AsText(serializedOutput);
        return status switch
        {
            WorkflowRuntimeStatus.Failed when text?.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon && !text[..colon].Contains(' ', StringComparison.Ordinal)
                => new WorkflowFailureDetails(text[..colon], text[(colon + 2)..]),
            WorkflowRuntimeStatus.Failed => new WorkflowFailureDetails("Failure", text ?? "The run failed."),
            WorkflowRuntimeStatus.Terminated => new WorkflowFailureDetails("Terminated", text ?? "The run was terminated."),
            _ => null,
        };
    }

    /// <summary>
    /// The port's view of a run from the engine's serialized payloads: input, custom status and (for a completed run)
    /// output as JSON values, the failure read by <see cref="Failure"/>.
    /// </summary>
    public static WorkflowInstance ToInstance(RunState state, IReadOnlyList<WorkflowStep> steps)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(steps);
        return new WorkflowInstance
        {
            Id = state.Id,
            Name = state.Name,
            RuntimeStatus = state.Status,
            Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(),
            Input = RunJson.Parse(state.SerializedInput),
            Output = state.Status == WorkflowRuntimeStatus.Completed ? RunJson.Parse(state.SerializedOutput) : null,
            CustomStatus = RunJson.Parse(state.SerializedCustomStatus),
            Failure = Failure(state.Status, state.ErrorType, state.ErrorMessage, state.SerializedOutput),
            CreatedTime = state.CreatedTime,
            LastUpdatedTime = state.LastUpdatedTime,
            Steps = steps,
        };
    }
}
