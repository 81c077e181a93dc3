using ModelOps.Registry;
using ModelOps.Tensors;

namespace ModelOps.Inference;

/// <summary>One answered inference as observers see it: which version answered, when, the request's id, inputs and outputs.</summary>
/// <param name="Version">The version that answered.</param>
/// <param name="RequestId">The caller's (or the protocol layer's generated) request id; null when there is none.</param>
/// <param name="Time">When the request was answered.</param>
/// <param name="Inputs">The inputs as the model received them.</param>
/// <param name="Outputs">The outputs the model produced.</param>
/// <param name="Elapsed">Time from the call to the answer (resolution, load if needed, run).</param>
public sealed record InferenceRecord(
    ModelVersion Version,
    string? RequestId,
    DateTimeOffset Time,
    IReadOnlyList<NamedValue> Inputs,
    IReadOnlyList<NamedValue> Outputs,
    TimeSpan Elapsed);
