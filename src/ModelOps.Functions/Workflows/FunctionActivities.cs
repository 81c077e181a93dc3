using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Workflows;

namespace ModelOps.Functions.Workflows;

/// <summary>Runs an activity class the local engine registers from an activity function, as the local engine would.</summary>
internal static class FunctionActivities
{
    /// <summary>
    /// Creates <typeparamref name="TActivity"/> with the invocation's services and runs it with the invocation's
    /// cancellation token (the host's shutdown cancels it, as the local engine's lifetime does).
    /// </summary>
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(string name, TInput input, string instanceId, FunctionContext function)
        where TActivity : CancellableActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(function);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input, function.CancellationToken);
    }
}
