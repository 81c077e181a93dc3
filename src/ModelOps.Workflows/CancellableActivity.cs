using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;

namespace ModelOps.Workflows;

/// <summary>
/// A Durable Task activity whose work takes a cancellation token. The engine passes none, so a run through the engine
/// gets the host's stopping token (a host shutting down cancels the attempt, the retry policy runs it again elsewhere);
/// the Functions app calls the token overload with its invocation's token.
/// </summary>
public abstract class CancellableActivity<TInput, TOutput>(IHostApplicationLifetime lifetime) : TaskActivity<TInput, TOutput>
{
    public sealed override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
        RunAsync(context, input, lifetime.ApplicationStopping);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken);
}
