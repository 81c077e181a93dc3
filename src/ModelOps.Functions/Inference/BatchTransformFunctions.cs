using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ModelOps.Functions.Workflows;
using ModelOps.Inference.Jobs.Batch;

namespace ModelOps.Functions.Inference;

/// <summary>
/// The batch transform orchestration and its activities as Durable Functions, under the names
/// <see cref="BatchTransformTasks.AddBatchTransform"/> registers them by on the local engine. Each function delegates to
/// the class the local engine runs; <c>POST /api/models/{model}/batch</c> (the management function) starts the job.
/// </summary>
public static class BatchTransformFunctions
{
    [Function(BatchTransformOrchestrator.Name)]
    public static Task<BatchTransformOutput> BatchTransform([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BatchTransformOrchestrator().RunAsync(context, context.GetInput<BatchTransformInput>()!);
    }

    [Function(PlanBatchTransformActivity.Name)]
    public static Task<BatchJobPlan> PlanBatchTransform([ActivityTrigger] BatchTransformInput input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<PlanBatchTransformActivity, BatchTransformInput, BatchJobPlan>(PlanBatchTransformActivity.Name, input, instanceId, function);

    [Function(ScoreShardActivity.Name)]
    public static Task<ShardResult> ScoreBatchShard([ActivityTrigger] ShardWork input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<ScoreShardActivity, ShardWork, ShardResult>(ScoreShardActivity.Name, input, instanceId, function);

    [Function(WriteBatchOutputActivity.Name)]
    public static Task<BatchTransformOutput> WriteBatchOutput([ActivityTrigger] BatchOutputRequest input, string instanceId, FunctionContext function) =>
        FunctionActivities.RunAsync<WriteBatchOutputActivity, BatchOutputRequest, BatchTransformOutput>(WriteBatchOutputActivity.Name, input, instanceId, function);
}
