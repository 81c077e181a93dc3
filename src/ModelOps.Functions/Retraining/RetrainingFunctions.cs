using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ModelOps.Functions.Workflows;
using ModelOps.Retraining;

namespace ModelOps.Functions.Retraining;

/// <summary>
/// The retraining orchestration and its activities as Durable Functions, under the names
/// <see cref="RetrainingTasks.AddRetraining"/> registers them by on the local engine. Each function delegates to the same
/// class the local engine runs; activities get their services from the invocation and its cancellation token.
/// </summary>
public static class RetrainingFunctions
{
    [Function(RetrainingOrchestrator.Name)]
    public static Task<RetrainingOutput> Retraining([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RetrainingOrchestrator().RunAsync(context, context.GetInput<RetrainingInput>()!);
    }

    [Function(ValidateDataActivity.Name)]
    public static Task<DataValidationResult> ValidateData([ActivityTrigger] RetrainingInput input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<ValidateDataActivity, RetrainingInput, DataValidationResult>(ValidateDataActivity.Name, input, instanceId, function);

    [Function(TrainCandidateActivity.Name)]
    public static Task<CandidateModel> TrainCandidate([ActivityTrigger] StepRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<TrainCandidateActivity, StepRequest, CandidateModel>(TrainCandidateActivity.Name, input, instanceId, function);

    [Function(EvaluateCandidateActivity.Name)]
    public static Task<EvaluationResult> EvaluateCandidate([ActivityTrigger] StepRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<EvaluateCandidateActivity, StepRequest, EvaluationResult>(EvaluateCandidateActivity.Name, input, instanceId, function);

    [Function(RegisterCandidateActivity.Name)]
    public static Task<RegisteredCandidate> RegisterCandidate([ActivityTrigger] StepRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<RegisterCandidateActivity, StepRequest, RegisteredCandidate>(RegisterCandidateActivity.Name, input, instanceId, function);

    [Function(PromoteCandidateActivity.Name)]
    public static Task<int> PromoteCandidate([ActivityTrigger] StepRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<PromoteCandidateActivity, StepRequest, int>(PromoteCandidateActivity.Name, input, instanceId, function);

    [Function(CheckApprovalActivity.Name)]
    public static Task<ModelOps.Registry.ApprovalStatus> CheckApproval([ActivityTrigger] StepRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<CheckApprovalActivity, StepRequest, ModelOps.Registry.ApprovalStatus>(CheckApprovalActivity.Name, input, instanceId, function);
}
