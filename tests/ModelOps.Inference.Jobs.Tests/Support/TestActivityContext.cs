using Microsoft.DurableTask;

namespace ModelOps.Inference.Jobs.Tests.Support;

/// <summary>The context an engine gives an activity, for calling one directly (as a re-delivery after a crash would).</summary>
internal sealed class TestActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;
}
