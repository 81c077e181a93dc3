using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using ModelOps.Workflows;

namespace ModelOps.Functions.Workflows;

/// <summary>
/// Records each execution of an activity function as it begins (the Functions counterpart of the local engine's
/// dispatcher middleware): Durable Functions delivers an activity again when its worker died, and the run's history
/// alone would show one attempt spanning the downtime. Best effort: a failure is logged and the activity runs.
/// </summary>
public sealed class StepAttemptMiddleware(IStepAttemptLog attempts, TimeProvider time, ILogger<StepAttemptMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <summary>Whether <paramref name="function"/> is an activity (its trigger binding is <c>activityTrigger</c>).</summary>
    public static bool IsActivity(FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "activityTrigger", StringComparison.OrdinalIgnoreCase));
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.BindingContext.BindingData.TryGetValue("instanceId", out var value) && value?.ToString() is { Length: > 0 } runId)
        {
            var step = context.FunctionDefinition.Name;
            try
            {
                await attempts.RecordAsync(new StepAttempt(runId, step, time.GetUtcNow()), context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.AttemptNotRecorded(logger, step, runId, exception);
            }
        }

        await next(context).ConfigureAwait(false);
    }
}
