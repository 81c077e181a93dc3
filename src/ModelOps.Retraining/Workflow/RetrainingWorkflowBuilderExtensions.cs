using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>
/// The retraining workflow and its activities, registered under the names the workflow calls them by. Both hosts
/// use this one list: the local runner (<c>AddWorkflows</c>) and Durable Functions (<c>AddWorkflowRegistrations</c>).
/// </summary>
public static class RetrainingWorkflowBuilderExtensions
{
    public static WorkflowBuilder AddRetrainingWorkflow(this WorkflowBuilder workflows) => workflows
        .AddWorkflow<RetrainingWorkflow>(RetrainingWorkflow.Name)
        .AddActivity<ValidateDataActivity>(ValidateDataActivity.Name)
        .AddActivity<TrainCandidateActivity>(TrainCandidateActivity.Name)
        .AddActivity<EvaluateCandidateActivity>(EvaluateCandidateActivity.Name)
        .AddActivity<RegisterCandidateActivity>(RegisterCandidateActivity.Name)
        .AddActivity<PromoteCandidateActivity>(PromoteCandidateActivity.Name);
}
