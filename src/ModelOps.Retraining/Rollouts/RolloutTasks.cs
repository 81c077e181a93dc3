using Microsoft.DurableTask;

namespace ModelOps.Rollouts;

/// <summary>The rollout orchestration and its activities under the names it calls them by (local engine and Functions app alike).</summary>
public static class RolloutTasks
{
    public static DurableTaskRegistry AddRollouts(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<RolloutOrchestrator>(RolloutOrchestrator.Name)
            .AddActivity<PrepareRolloutActivity>(PrepareRolloutActivity.Name)
            .AddActivity<UpdateRolloutActivity>(UpdateRolloutActivity.Name)
            .AddActivity<ReadLiveNumbersActivity>(ReadLiveNumbersActivity.Name)
            .AddActivity<ComparePredictionsActivity>(ComparePredictionsActivity.Name)
            .AddActivity<RaiseRolloutAlertActivity>(RaiseRolloutAlertActivity.Name);
    }
}
