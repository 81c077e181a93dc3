using Microsoft.Extensions.Options;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Inference.Jobs.Queue;

namespace ModelOps.Inference.Jobs;

/// <summary>Settings of queue inference and batch transform (section <c>ModelOps:Inference</c>).</summary>
public sealed class InferenceJobsOptions
{
    /// <summary>The containers queue results and batch outputs go to by default.</summary>
    public static IReadOnlyList<string> DefaultOutputContainers { get; } = ["inference-results", "batch-output"];

    /// <summary>The container batch inputs and large request bodies are read from by default.</summary>
    public static IReadOnlyList<string> DefaultInputContainers { get; } = ["batch-input"];

    /// <summary>
    /// The containers a queue message's <c>outputBlob</c> and a batch job's <c>output</c> may name. Unset: <c>inference-results</c>
    /// and <c>batch-output</c>. A list given replaces that default (give all the containers you want, e.g.
    /// <c>ModelOps__Inference__AllowedOutputContainers__0=inference-results</c>, <c>__1=batch-output</c>, <c>__2=scores</c>);
    /// containers other than the layout's must exist.
    /// </summary>
    public string[]? AllowedOutputContainers { get; set; }

    /// <summary>The containers a message's <c>inputBlob</c> and a batch job's <c>input</c> may name. Unset: <c>batch-input</c>.</summary>
    public string[]? AllowedInputContainers { get; set; }

    /// <summary>The queue listener of the local host (section <c>ModelOps:Inference:Queue</c>).</summary>
    [ValidateObjectMembers]
    public InferenceQueueOptions Queue { get; set; } = new();

    /// <summary>Batch transform (section <c>ModelOps:Inference:Batch</c>).</summary>
    [ValidateObjectMembers]
    public BatchTransformOptions Batch { get; set; } = new();

    internal IReadOnlyList<string> EffectiveOutputContainers => AllowedOutputContainers is { Length: > 0 } list ? list : DefaultOutputContainers;

    internal IReadOnlyList<string> EffectiveInputContainers => AllowedInputContainers is { Length: > 0 } list ? list : DefaultInputContainers;
}
