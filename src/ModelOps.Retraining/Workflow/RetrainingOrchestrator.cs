using Microsoft.DurableTask;

namespace ModelOps.Retraining;

/// <summary>
/// The retraining orchestration: validate the data, train a candidate (built-in or external), evaluate candidate and
/// champion on the same held-out rows, and, when the promotion rule passes, register the candidate with its lineage and
/// make it champion. A Durable Task orchestrator: deterministic, it only asks its context for activity calls and
/// custom status, and every await stays on the orchestration's scheduler (<c>ConfigureAwait(true)</c>).
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

    public override async Task<RetrainingOutput> RunAsync(TaskOrchestrationContext context, RetrainingInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var step = ValidateDataActivity.Name;
        try
        {
            context.SetCustomStatus(new RetrainingStatus(step));
            var data = await context.CallActivityAsync<DataValidationResult>(step, input, Retry).ConfigureAwait(true);

            step = TrainCandidateActivity.Name;
            context.SetCustomStatus(new RetrainingStatus(step));
            var request = new StepRequest { Run = input, Data = data };
            var candidate = await context.CallActivityAsync<CandidateModel>(step, request, Retry).ConfigureAwait(true);

            step = EvaluateCandidateActivity.Name;
            context.SetCustomStatus(new RetrainingStatus(step));
            request = request with { Candidate = candidate };
            var evaluation = await context.CallActivityAsync<EvaluationResult>(step, request, Retry).ConfigureAwait(true);

            int? version = null;
            if (evaluation.Decision.Promoted)
            {
                step = RegisterCandidateActivity.Name;
                context.SetCustomStatus(new RetrainingStatus(step));
                request = request with { Evaluation = evaluation };
                var registered = await context.CallActivityAsync<RegisteredCandidate>(step, request, Retry).ConfigureAwait(true);
                version = registered.Version;

                step = PromoteCandidateActivity.Name;
                context.SetCustomStatus(new RetrainingStatus(step));
                await context.CallActivityAsync<int>(step, request with { Version = registered.Version }, Retry).ConfigureAwait(true);
            }

            context.SetCustomStatus(new RetrainingStatus("Done"));
            return new RetrainingOutput
            {
                Model = input.Model,
                Outcome = version is null ? "rejected" : "promoted",
                Version = version,
                Data = data,
                Candidate = candidate,
                Evaluation = evaluation,
                Decision = evaluation.Decision,
            };
        }
        catch (TaskFailedException failure)
        {
            context.SetCustomStatus(new RetrainingStatus("Failed", step, failure.FailureDetails.ErrorMessage));
            throw;
        }
    }
}
