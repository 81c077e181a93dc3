using System.Globalization;
using Microsoft.DurableTask;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// A batch transform job: plan (list the input files, check them against the model, split them into shards), score every
/// shard as its own activity (fanned out; the engine runs as many at once as its activity slots allow), then compose each
/// file's output from its shards' parts and write the manifest. Shards that finished before a host died are never run
/// again (their results are in the history); a shard cut short runs again and writes the same parts, which replace the
/// first attempt's, so every row is in the output exactly once. Deterministic: only context calls and custom status.
/// </summary>
public sealed class BatchTransformOrchestrator : TaskOrchestrator<BatchTransformInput, BatchTransformOutput>
{
    public const string Name = "BatchTransform";

    /// <summary>Infrastructure failures are retried; <see cref="BatchTransformException"/> (bad input) is final.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2)
        {
            HandleFailure = failure => !failure.IsCausedBy<BatchTransformException>(),
        });

    public override async Task<BatchTransformOutput> RunAsync(TaskOrchestrationContext context, BatchTransformInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var status = new BatchTransformStatus("Planning", 0, 0, 0, 0);
        try
        {
            context.SetCustomStatus(status);
            var plan = await context.CallActivityAsync<BatchJobPlan>(PlanBatchTransformActivity.Name, input, Retry).ConfigureAwait(true);

            var pending = new List<Task<ShardResult>>(plan.Shards);
            foreach (var file in plan.Files)
            {
                var alone = file with { Shards = [] };
                foreach (var shard in file.Shards)
                {
                    var work = new ShardWork { Job = input, File = alone, Shard = shard, Columns = plan.Columns };
                    pending.Add(context.CallActivityAsync<ShardResult>(ScoreShardActivity.Name, work, Retry));
                }
            }

            status = status with { Stage = "Scoring", ShardsTotal = pending.Count };
            context.SetCustomStatus(status);
            var results = new ShardResult[pending.Count];
            long rows = 0;
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(true);
                pending.Remove(done);
                var result = await done.ConfigureAwait(true);
                results[result.Index] = result;
                rows += result.Rows;
                status = status with { ShardsDone = status.ShardsDone + 1, RowsScored = status.RowsScored + result.Rows - result.Errors, Errors = status.Errors + result.Errors };
                context.SetCustomStatus(status);
            }

            string? failure = null;
            if (rows > 0 && (double)status.Errors / rows > input.MaxErrorRate)
            {
                failure = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{status.Errors} of {rows} rows could not be scored ({(double)status.Errors / rows:P2}), more than maxErrorRate {input.MaxErrorRate:P2}; the rows and reasons are in the .errors.jsonl files.");
            }

            status = status with { Stage = "Writing" };
            context.SetCustomStatus(status);
            var request = new BatchOutputRequest { Job = input, Plan = plan, Results = results, Failure = failure, End = context.CurrentUtcDateTime };
            var output = await context.CallActivityAsync<BatchTransformOutput>(WriteBatchOutputActivity.Name, request, Retry).ConfigureAwait(true);
            if (failure is not null)
            {
                throw new BatchTransformException(failure);
            }

            context.SetCustomStatus(status with { Stage = "Done" });
            return output;
        }
        catch (TaskFailedException failure)
        {
            context.SetCustomStatus(status with { Stage = "Failed", Error = failure.FailureDetails.ErrorMessage });
            throw;
        }
        catch (BatchTransformException failure)
        {
            context.SetCustomStatus(status with { Stage = "Failed", Error = failure.Message });
            throw;
        }
    }
}
