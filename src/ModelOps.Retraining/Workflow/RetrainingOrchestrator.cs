using Microsoft.DurableTask;

namespace ModelOps.Retraining;

/// <summary>
/// The retraining orchestration: validate the data (stopping with <c>unchanged</c> when it and the training configuration
/// are the champion's own), train a candidate (built-in or external), evaluate candidate and champion on the same
/// held-out rows, and, when the promotion rule passes, register the candidate with its lineage, wait durably for a
/// reviewer when the model requires approval, and make it champion. A Durable Task orchestrator: deterministic, it only
/// asks its context for activity calls, timers, events and custom status, and every await stays on the orchestration's
/// scheduler (<c>ConfigureAwait(true)</c>).
/// </summary>
public sealed class RetrainingOrchestrator : TaskOrchestrator<RetrainingInput, RetrainingOutput>
{
    /// <summary>The name the orchestration is registered and started under.</summary>
    public const string Name = "Retraining";

    /// <summary>
    /// Infrastructure failures (storage hiccups, a host stopping mid-step) are retried; expected failures
    /// (<see cref="RetrainingException"/>: bad data, a failed external trainer) are final.
    /// </summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2)
        {
            HandleFailure = failure => !failure.IsCausedBy<RetrainingException>(),
        });

    /// <summary>The event that wakes a run waiting for a reviewer (raised when the version's approval changes).</summary>
    public const string ApprovalEvent = "approval";

    /// <summary>How long a registered candidate waits for a reviewer when the configuration does not say.</summary>
    public static readonly TimeSpan DefaultApprovalTimeout = TimeSpan.FromDays(7);

    /// <summary>
    /// How often a waiting run looks at the approval itself, in case the event that should wake it was lost. Hourly keeps
    /// a week-long wait's history short; the event wakes it at once.
    /// </summary>
    private static readonly TimeSpan ApprovalRecheck = TimeSpan.FromHours(1);

    public override async Task<RetrainingOutput> RunAsync(TaskOrchestrationContext context, RetrainingInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var step = ValidateDataActivity.Name;
        try
        {
            context.SetCustomStatus(new RetrainingStatus(step));
            var data = await context.CallActivityAsync<DataValidationResult>(step, input, Retry).ConfigureAwait(true);
            if (data.SameAsChampion is int same)
            {
                context.SetCustomStatus(new RetrainingStatus("Done"));
                return new RetrainingOutput { Model = input.Model, Outcome = RetrainingOutcomes.Unchanged, Version = same, Data = data };
            }

            step = TrainCandidateActivity.Name;
            context.SetCustomStatus(new RetrainingStatus(step));
            var request = new StepRequest { Run = input, Data = data };
            var candidate = await context.CallActivityAsync<CandidateModel>(step, request, Retry).ConfigureAwait(true);

            step = EvaluateCandidateActivity.Name;
            context.SetCustomStatus(new RetrainingStatus(step));
            request = request with { Candidate = candidate };
            var evaluation = await context.CallActivityAsync<EvaluationResult>(step, request, Retry).ConfigureAwait(true);
            var output = new RetrainingOutput
            {
                Model = input.Model,
                Outcome = RetrainingOutcomes.Rejected,
                Data = data,
                Candidate = candidate,
                Evaluation = evaluation,
                Decision = evaluation.Decision,
            };
            if (!evaluation.Decision.Promoted)
            {
                context.SetCustomStatus(new RetrainingStatus("Done"));
                return output;
            }

            step = RegisterCandidateActivity.Name;
            context.SetCustomStatus(new RetrainingStatus(step));
            request = request with { Evaluation = evaluation };
            var registered = await context.CallActivityAsync<RegisteredCandidate>(step, request, Retry).ConfigureAwait(true);
            request = request with { Version = registered.Version };
            output = output with { Version = registered.Version };

            if (registered.ApprovalStatus != Registry.ApprovalStatus.Approved)
            {
                step = CheckApprovalActivity.Name;
                var approval = await WaitForApprovalAsync(context, request, input.Configuration.ApprovalTimeout ?? DefaultApprovalTimeout).ConfigureAwait(true);
                if (approval != Registry.ApprovalStatus.Approved)
                {
                    context.SetCustomStatus(new RetrainingStatus("Done"));
                    return output with
                    {
                        Outcome = approval == Registry.ApprovalStatus.Rejected ? RetrainingOutcomes.RejectedByReviewer : RetrainingOutcomes.ApprovalTimedOut,
                    };
                }
            }

            step = PromoteCandidateActivity.Name;
            context.SetCustomStatus(new RetrainingStatus(step));
            await context.CallActivityAsync<int>(step, request, Retry).ConfigureAwait(true);

            context.SetCustomStatus(new RetrainingStatus("Done"));
            return output with { Outcome = input.Configuration.Rollout is null ? RetrainingOutcomes.Promoted : RetrainingOutcomes.RolloutStarted };
        }
        catch (TaskFailedException failure)
        {
            context.SetCustomStatus(new RetrainingStatus("Failed", step, failure.FailureDetails.ErrorMessage));
            throw;
        }
    }

    /// <summary>
    /// Waits durably until the registered version is Approved or Rejected or the timeout passes, looking at the registry
    /// whenever the approval event wakes the run and at least hourly. Returns the last status seen.
    /// </summary>
    private static async Task<Registry.ApprovalStatus> WaitForApprovalAsync(TaskOrchestrationContext context, StepRequest request, TimeSpan timeout)
    {
        var deadline = context.CurrentUtcDateTime + timeout;
        context.SetCustomStatus(new RetrainingStatus("WaitingForApproval"));
        var status = await context.CallActivityAsync<Registry.ApprovalStatus>(CheckApprovalActivity.Name, request, Retry).ConfigureAwait(true);
        while (status == Registry.ApprovalStatus.PendingManualApproval && context.CurrentUtcDateTime < deadline)
        {
            using var cancel = new CancellationTokenSource();
            var wake = context.WaitForExternalEvent<object?>(ApprovalEvent, cancel.Token);
            var next = context.CurrentUtcDateTime + ApprovalRecheck;
            var timer = context.CreateTimer(next < deadline ? next : deadline, cancel.Token);
            await Task.WhenAny(wake, timer).ConfigureAwait(true);
            cancel.Cancel();
            status = await context.CallActivityAsync<Registry.ApprovalStatus>(CheckApprovalActivity.Name, request, Retry).ConfigureAwait(true);
        }

        return status;
    }
}
