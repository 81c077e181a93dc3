using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using ModelOps.Telemetry;

namespace ModelOps.Workflows;

/// <summary>
/// A Durable Task activity whose work takes a cancellation token. The engine passes none, so a run through the engine
/// gets the host's stopping token (a host shutting down cancels the attempt, the retry policy runs it again elsewhere);
/// the Functions app calls the token overload with its invocation's token. Each attempt is a span
/// (<c>workflow.activity</c>, source <c>ModelOps</c>) tagged with the activity's name and the run id.
/// </summary>
public abstract class CancellableActivity<TInput, TOutput>(IHostApplicationLifetime lifetime) : TaskActivity<TInput, TOutput>
{
    public sealed override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        using var activity = ModelOpsTelemetry.ActivitySource.StartActivity("workflow.activity");
        activity?.SetTag("activity", context?.Name.Name);
        activity?.SetTag("run", context?.InstanceId);
        try
        {
            return await RunAsync(context!, input, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken);
}
