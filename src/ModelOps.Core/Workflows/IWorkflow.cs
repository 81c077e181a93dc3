namespace ModelOps.Workflows;

/// <summary>
/// A workflow: deterministic code that orchestrates activities through an <see cref="IWorkflowContext"/>.
/// Registered with <c>AddWorkflows(b =&gt; b.AddWorkflow&lt;T&gt;())</c>; a new instance is resolved for every replay.
/// </summary>
/// <typeparam name="TInput">The run's input, carried as JSON.</typeparam>
/// <typeparam name="TOutput">The run's output, carried as JSON.</typeparam>
public interface IWorkflow<TInput, TOutput>
{
    /// <summary>The workflow body. See <see cref="IWorkflowContext"/> for the rules it must keep.</summary>
    Task<TOutput> RunAsync(IWorkflowContext context, TInput input);
}
