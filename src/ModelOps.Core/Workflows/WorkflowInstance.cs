using System.Text.Json;

namespace ModelOps.Workflows;

/// <summary>The status of one run, shaped like Durable Functions' status endpoint plus its steps.</summary>
public sealed record WorkflowInstance
{
    public required string Id { get; init; }

    /// <summary>The workflow's registered name.</summary>
    public required string Name { get; init; }

    public required WorkflowRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>The tags the run was started with (e.g. <c>model</c>, <c>trigger</c>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public JsonElement? Input { get; init; }

    public JsonElement? Output { get; init; }

    public JsonElement? CustomStatus { get; init; }

    /// <summary>Why the run failed or was terminated.</summary>
    public WorkflowFailureDetails? Failure { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public required DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>The steps in the order the workflow first scheduled them.</summary>
    public IReadOnlyList<WorkflowStep> Steps { get; init; } = [];

    /// <summary>Deserialises <see cref="Output"/>.</summary>
    public T? ReadOutput<T>(JsonSerializerOptions? options = null) =>
        Output is { } output ? output.Deserialize<T>(options ?? Serialization.ModelOpsJson.Options) : default;

    /// <summary>Deserialises <see cref="CustomStatus"/>.</summary>
    public T? ReadCustomStatus<T>(JsonSerializerOptions? options = null) =>
        CustomStatus is { } status ? status.Deserialize<T>(options ?? Serialization.ModelOpsJson.Options) : default;

    /// <summary>True for Completed, Failed and Terminated: nothing more will happen to the run.</summary>
    public bool IsTerminal => RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;
}
