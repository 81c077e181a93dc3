using ModelOps.Registry;
using ModelOps.Tensors;

namespace ModelOps.Inference;

/// <summary>What a model answered, and which version answered it.</summary>
public sealed record InferenceResult(ModelVersion Version, string? Id, IReadOnlyList<NamedValue> Outputs);
