using Microsoft.DurableTask;

namespace ModelOps.Retraining;

/// <summary>
/// The retraining orchestration and its activities under the names it calls them by: the one list the local engine
/// registers (<see cref="AddRetraining"/>) and the Functions app's trigger functions mirror.
/// </summary>
public static class RetrainingTasks
{
    public static DurableTaskRegistry AddRetraining(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<RetrainingOrchestrator>(RetrainingOrchestrator.Name)
            .AddActivity<ValidateDataActivity>(ValidateDataActivity.Name)
            .AddActivity<TrainCandidateActivity>(TrainCandidateActivity.Name)
            .AddActivity<EvaluateCandidateActivity>(EvaluateCandidateActivity.Name)
            .AddActivity<RegisterCandidateActivity>(RegisterCandidateActivity.Name)
            .AddActivity<CheckApprovalActivity>(CheckApprovalActivity.Name)
            .AddActivity<PromoteCandidateActivity>(PromoteCandidateActivity.Name);
    }
}
