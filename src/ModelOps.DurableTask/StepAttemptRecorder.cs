using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;
using Microsoft.Extensions.Logging;
using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>
/// Activity dispatcher middleware of the local engine: records each execution of an activity as it begins, so a step
/// the engine delivered again after its worker died shows as a second attempt (<see cref="StepAttempts"/>). Recording
/// is best effort: a failure is logged and the activity runs regardless.
/// </summary>
internal sealed class StepAttemptRecorder(IStepAttemptLog attempts, TimeProvider time, ILogger logger, CancellationToken stopping)
{
    public async Task RecordAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<OrchestrationInstance>()?.InstanceId is { Length: > 0 } runId &&
            context.GetProperty<TaskScheduledEvent>()?.Name is { Length: > 0 } step)
        {
            try
            {
                await attempts.RecordAsync(new StepAttempt(runId, step, time.GetUtcNow()), stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.AttemptNotRecorded(logger, step, runId, exception);
            }
        }

        await next().ConfigureAwait(false);
    }
}
