using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace ModelOps.Functions.Tests.Support;

/// <summary>
/// The Functions app's <c>[Function]</c> methods, found as the worker finds them, and a Durable Task registry whose
/// orchestrators and activities invoke those methods with the arguments the worker would bind: the orchestration
/// context, the activity input, <c>instanceId</c>, a <see cref="FunctionContext"/> over a fresh service scope of the app.
/// </summary>
internal static class FunctionEntryPoints
{
    public static IReadOnlyList<(string Name, MethodInfo Method)> All { get; } =
        [.. typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Name: m.GetCustomAttribute<FunctionAttribute>()?.Name, Method: m))
            .Where(f => f.Name is not null)
            .Select(f => (f.Name!, f.Method))];

    public static IEnumerable<(string Name, MethodInfo Method)> Triggered<TTrigger>()
        where TTrigger : Attribute =>
        All.Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null));

    /// <summary>
    /// Adds every orchestrator and activity function to <paramref name="registry"/>. An orchestrator function reads its
    /// input with <c>GetInput</c>, which the test host's context answers with the input as the orchestration's registered
    /// type (<paramref name="inputTypes"/>, by name) deserialised it; in Functions the context deserialises on request.
    /// </summary>
    public static DurableTaskRegistry AddFunctions(this DurableTaskRegistry registry, IServiceProvider app, IReadOnlyDictionary<string, Type> inputTypes)
    {
        foreach (var (name, method) in Triggered<OrchestrationTriggerAttribute>())
        {
            registry.AddOrchestrator(name, () => new OrchestratorFunction(method, inputTypes[name]));
        }

        foreach (var (name, method) in Triggered<ActivityTriggerAttribute>())
        {
            registry.AddActivity(name, _ => new ActivityFunction(name, method, app));
        }

        return registry;
    }

    private static async Task<object?> ResultAsync(object? returned)
    {
        var task = (Task)returned!;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
    }

    private static Type ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);

    private sealed class OrchestratorFunction(MethodInfo method, Type inputType) : ITaskOrchestrator
    {
        public Type InputType => inputType;

        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            ResultAsync(method.Invoke(null, [context]));
    }

    private sealed class ActivityFunction(string name, MethodInfo method, IServiceProvider app) : ITaskActivity
    {
        public Type InputType => method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;

        public Type OutputType => ResultType(method);

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var scope = app.CreateAsyncScope();
            await using (scope)
            {
                var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
                var arguments = method.GetParameters().Select(p =>
                    p.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? input
                    : p.ParameterType == typeof(FunctionContext) ? new TestFunctionContext(scope.ServiceProvider, name, CancellationToken.None)
                    : p.Name == "instanceId" ? context.InstanceId
                    : throw new InvalidOperationException($"Function {name} has a parameter '{p.Name}' the worker would not bind here."));
                return await ResultAsync(method.Invoke(target, [.. arguments]));
            }
        }
    }
}
