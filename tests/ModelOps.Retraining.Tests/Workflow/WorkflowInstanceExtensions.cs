using System.Text.Json;
using ModelOps.Serialization;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Workflow;

internal static class WorkflowInstanceExtensions
{
    public static JsonElement ReadInput(this WorkflowInstance run) => run.Input ?? throw new InvalidOperationException("The run has no input.");

    public static T? ReadInput<T>(this WorkflowInstance run) => run.ReadInput().Deserialize<T>(ModelOpsJson.Options);
}
