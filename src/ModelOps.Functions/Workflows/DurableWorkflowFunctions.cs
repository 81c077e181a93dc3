using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ModelOps.Workflows;
using ModelOps.Workflows.Registration;

namespace ModelOps.Functions.Workflows;

/// <summary>
/// One orchestrator and one activity function that dispatch, by name, to the workflow and activity classes
/// registered with <see cref="WorkflowRegistry"/>: the same classes the local runner executes.
/// </summary>
public sealed class DurableWorkflowFunctions(WorkflowRegistry registry, IServiceProvider services)
{
    [Function(DurableWorkflowContext.WorkflowFunction)]
    public Task<string?> RunWorkflowAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var envelope = context.GetInput<WorkflowEnvelope>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no workflow envelope.");
        var workflow = registry.FindWorkflow(envelope.Name)
            ?? throw new InvalidOperationException($"No workflow named '{envelope.Name}' is registered.");
        return workflow.Invoke(services, new DurableWorkflowContext(context, envelope), envelope.Input);
    }

    [Function(DurableWorkflowContext.ActivityFunction)]
    public Task<string?> RunActivityAsync([ActivityTrigger] ActivityEnvelope envelope, FunctionContext function)
    {
        var activity = registry.FindActivity(envelope.Name)
            ?? throw new InvalidOperationException($"No activity named '{envelope.Name}' is registered.");

        // Durable Functions replays orchestrations but not activity executions, so Execution is always the first.
        var context = new ActivityContext(envelope.InstanceId, envelope.Name, envelope.TaskId, Execution: 0);
        return activity.Invoke(function.InstanceServices, context, envelope.Input, function.CancellationToken);
    }
}
