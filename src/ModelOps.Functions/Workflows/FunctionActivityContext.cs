using Microsoft.DurableTask;

namespace ModelOps.Functions.Workflows;

/// <summary>The activity context of an activity function: its name and the instance id the trigger binds.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
