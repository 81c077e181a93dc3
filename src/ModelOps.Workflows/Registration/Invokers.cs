using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Serialization;

namespace ModelOps.Workflows.Registration;

/// <summary>Builds the JSON-in, JSON-out delegates for workflow and activity classes once, at registration.</summary>
internal static class Invokers
{
    public static WorkflowRegistration ForWorkflow(Type type, string? name)
    {
        var contract = FindContract(type, typeof(IWorkflow<,>));
        var method = typeof(Invokers).GetMethod(nameof(WorkflowInvoker), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type, contract[0], contract[1]);
        var invoke = (Func<IServiceProvider, IWorkflowContext, string?, Task<string?>>)method.Invoke(null, null)!;
        return new WorkflowRegistration(name ?? type.Name, type, invoke);
    }

    public static ActivityRegistration ForActivity(Type type, string? name)
    {
        var contract = FindContract(type, typeof(IActivity<,>));
        var method = typeof(Invokers).GetMethod(nameof(ActivityInvoker), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type, contract[0], contract[1]);
        var invoke = (Func<IServiceProvider, ActivityContext, string?, CancellationToken, Task<string?>>)method.Invoke(null, null)!;
        return new ActivityRegistration(name ?? type.Name, type, invoke);
    }

    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), ModelOpsJson.Options);

    public static T? Deserialize<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, ModelOpsJson.Options);

    private static Type[] FindContract(Type type, Type openInterface)
    {
        var found = type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface).ToList();
        return found.Count == 1
            ? found[0].GetGenericArguments()
            : throw new InvalidOperationException($"{type.Name} must implement {openInterface.Name} exactly once.");
    }

    private static Func<IServiceProvider, IWorkflowContext, string?, Task<string?>> WorkflowInvoker<TWorkflow, TInput, TOutput>()
        where TWorkflow : IWorkflow<TInput, TOutput> =>
        async (services, context, input) =>
        {
            var workflow = services.GetRequiredService<TWorkflow>();

            // Workflow code runs on the replay scheduler: resume there (see IWorkflowContext).
            var output = await workflow.RunAsync(context, Deserialize<TInput>(input)!).ConfigureAwait(true);
            return output is null ? null : JsonSerializer.Serialize(output, ModelOpsJson.Options);
        };

    private static Func<IServiceProvider, ActivityContext, string?, CancellationToken, Task<string?>> ActivityInvoker<TActivity, TInput, TOutput>()
        where TActivity : IActivity<TInput, TOutput> =>
        async (services, context, input, cancellationToken) =>
        {
            var activity = services.GetRequiredService<TActivity>();
            var output = await activity.RunAsync(context, Deserialize<TInput>(input)!, cancellationToken).ConfigureAwait(false);
            return output is null ? null : JsonSerializer.Serialize(output, ModelOpsJson.Options);
        };
}
