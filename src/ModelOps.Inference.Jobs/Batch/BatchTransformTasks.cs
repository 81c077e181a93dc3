using Microsoft.DurableTask;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// The batch transform orchestration and its activities under the names it calls them by: the one list the local engine
/// registers and the Functions app's trigger functions mirror.
/// </summary>
public static class BatchTransformTasks
{
    public static DurableTaskRegistry AddBatchTransform(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<BatchTransformOrchestrator>(BatchTransformOrchestrator.Name)
            .AddActivity<PlanBatchTransformActivity>(PlanBatchTransformActivity.Name)
            .AddActivity<ScoreShardActivity>(ScoreShardActivity.Name)
            .AddActivity<WriteBatchOutputActivity>(WriteBatchOutputActivity.Name);
    }
}
