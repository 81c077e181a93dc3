using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ModelOps.Functions.Workflows;
using ModelOps.Rollouts;

namespace ModelOps.Functions.Rollouts;

/// <summary>
/// The rollout orchestration and its activities as Durable Functions, under the names <see cref="RolloutTasks.AddRollouts"/>
/// registers them by on the local engine; each delegates to the same class.
/// </summary>
public static class RolloutFunctions
{
    [Function(RolloutOrchestrator.Name)]
    public static Task<Rollout> Rollout([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RolloutOrchestrator().RunAsync(context, context.GetInput<Rollout>()!);
    }

    [Function(PrepareRolloutActivity.Name)]
    public static Task<RolloutReadiness> PrepareRollout([ActivityTrigger] Rollout input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<PrepareRolloutActivity, Rollout, RolloutReadiness>(PrepareRolloutActivity.Name, input, instanceId, function);

    [Function(UpdateRolloutActivity.Name)]
    public static Task<bool> UpdateRollout([ActivityTrigger] RolloutUpdate input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<UpdateRolloutActivity, RolloutUpdate, bool>(UpdateRolloutActivity.Name, input, instanceId, function);

    [Function(ReadLiveNumbersActivity.Name)]
    public static Task<LiveNumbers> ReadLiveNumbers([ActivityTrigger] LiveNumbersRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<ReadLiveNumbersActivity, LiveNumbersRequest, LiveNumbers>(ReadLiveNumbersActivity.Name, input, instanceId, function);

    [Function(ComparePredictionsActivity.Name)]
    public static Task<PredictionComparison> ComparePredictions([ActivityTrigger] PredictionComparisonRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<ComparePredictionsActivity, PredictionComparisonRequest, PredictionComparison>(ComparePredictionsActivity.Name, input, instanceId, function);

    [Function(RaiseRolloutAlertActivity.Name)]
    public static Task<string> RaiseRolloutAlert([ActivityTrigger] RolloutAlert input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<RaiseRolloutAlertActivity, RolloutAlert, string>(RaiseRolloutAlertActivity.Name, input, instanceId, function);
}
