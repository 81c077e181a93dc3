using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace ModelOps.DurableTask;

/// <summary>
/// Hands DurableTask.Core the activities of the <see cref="DurableTaskRegistry"/>: each execution gets its own service
/// scope, its activity class made from it, and Microsoft.DurableTask's shim around it.
/// </summary>
internal sealed class RegisteredActivities : INameVersionObjectManager<TaskActivity>
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _factories;
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceScopeFactory _scopes;

    public RegisteredActivities(DurableTaskRegistry registry, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    {
        _factories = registry.GetActivities().ToDictionary(a => a.Key.Name, a => a.Value, StringComparer.OrdinalIgnoreCase);
        _shims = shims;
        _scopes = scopes;
    }

    public void Add(ObjectCreator<TaskActivity> creator) =>
        throw new NotSupportedException("Activities are registered in the DurableTaskRegistry.");

    public TaskActivity? GetObject(string name, string? version) =>
        _factories.TryGetValue(name, out var create) ? new Scoped(new TaskName(name), create, _shims, _scopes) : null;

    private sealed class Scoped(
        TaskName name,
        Func<IServiceProvider, ITaskActivity> create,
        DurableTaskShimFactory shims,
        IServiceScopeFactory scopes) : TaskActivity
    {
        public override string Run(TaskContext context, string input) =>
            throw new NotSupportedException("Activities run asynchronously.");

        public override async Task<string?> RunAsync(TaskContext context, string input)
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var activity = new Describable(create(scope.ServiceProvider));
                return await shims.CreateActivity(name, activity).RunAsync(context, input).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Makes sure an activity's failure can be recorded: the engine reads the exception's type, message and stack, and
    /// one whose message or stack cannot be read would make it retry the work item for ever. Such a failure is replaced
    /// by one that names the exception type and why it could not be read.
    /// </summary>
    private sealed class Describable(ITaskActivity inner) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            try
            {
                return await inner.RunAsync(context, input).ConfigureAwait(false);
            }
            catch (Exception exception) when (Unreadable(exception) is { } why)
            {
                throw new InvalidOperationException(
                    $"Activity '{context.Name}' failed with {exception.GetType().FullName}, whose details cannot be read ({why.GetType().Name}: {why.Message}).");
            }
        }

        /// <summary>The error reading the exception's details (or its inner ones') raises; null when they read fine.</summary>
        private static Exception? Unreadable(Exception exception)
        {
            for (var current = exception; current is not null; current = current.InnerException)
            {
                try
                {
                    _ = current.Message;
                    _ = current.StackTrace;
                }
                catch (Exception why)
                {
                    return why;
                }
            }

            return null;
        }
    }
}
