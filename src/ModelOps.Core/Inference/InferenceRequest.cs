using ModelOps.Tensors;

namespace ModelOps.Inference;

/// <summary>A protocol-agnostic inference call.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">A pinned version, or null to let the model's traffic policy choose (the champion).</param>
/// <param name="Inputs">Named input values.</param>
/// <param name="OutputNames">The outputs wanted, or null for all.</param>
/// <param name="Id">The caller's request id, echoed in the result.</param>
/// <param name="Header">Reads a request header by name (sticky routing); null when the call has none.</param>
public sealed record InferenceRequest(
    string Model,
    int? Version,
    IReadOnlyList<NamedValue> Inputs,
    IReadOnlyList<string>? OutputNames = null,
    string? Id = null,
    Func<string, string?>? Header = null);
