using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Http.Endpoints;

/// <summary>How inputs and outputs are described over HTTP: <c>{name, datatype, shape}</c>, -1 for dynamic dimensions.</summary>
public static class SignatureJson
{
    public static TensorMetadata ToProtocol(ValueSpec spec) => spec.Kind == ValueKind.Tensor
        ? new TensorMetadata(spec.Name, spec.ElementType.ToProtocolName(), spec.Shape, null)
        : new TensorMetadata(spec.Name, spec.ElementType.ToProtocolName(), spec.Shape, spec.OnnxType);

    /// <summary>One input or output; <paramref name="OnnxType"/> is set for non-tensor values (e.g. a sequence of maps).</summary>
    public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape, string? OnnxType);
}
