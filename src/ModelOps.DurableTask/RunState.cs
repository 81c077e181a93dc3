using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>What an engine client reports about one run, before <see cref="RunStates.ToInstance"/> reads it for the port.</summary>
public sealed record RunState
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required WorkflowRuntimeStatus Status { get; init; }

    public IEnumerable<KeyValuePair<string, string>>? Tags { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    /// <summary>The failure's exception type, when the engine kept failure details.</summary>
    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public required DateTimeOffset LastUpdatedTime { get; init; }
}
