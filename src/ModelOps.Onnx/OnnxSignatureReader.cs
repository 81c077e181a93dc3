using Microsoft.ML.OnnxRuntime;
using ModelOps.Runtime;
using ModelOps.Tensors;
using OrtModelMetadata = Microsoft.ML.OnnxRuntime.ModelMetadata;

namespace ModelOps.Onnx;

/// <summary>Reads a session's inputs, outputs (names and ONNX types) and model metadata.</summary>
internal static class OnnxSignatureReader
{
    public static ModelSignature Read(InferenceSession session) =>
        new(ReadValues(session.InputNames, session.InputMetadata),
            ReadValues(session.OutputNames, session.OutputMetadata),
            ReadMetadata(session.ModelMetadata));

    private static ValueSpec[] ReadValues(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        var specs = new ValueSpec[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var type = Describe(metadata[names[i]]);
            specs[i] = new ValueSpec(names[i], type.Kind, type.ElementType, type.Shape, type.OnnxType, type.MapKeyType);
        }

        return specs;
    }

    private static TypeDescription Describe(NodeMetadata node)
    {
        switch (node.OnnxValueType)
        {
            case OnnxValueType.ONNX_TYPE_TENSOR:
            case OnnxValueType.ONNX_TYPE_SPARSETENSOR:
            {
                var isTensor = node.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR;
                var element = node.ElementDataType;
                var dims = Array.ConvertAll(node.Dimensions, d => d < 0 ? -1L : d);
                var name = (isTensor ? "tensor(" : "sparse_tensor(") + OnnxElementTypes.OnnxName(element) + ")";
                var known = OnnxElementTypes.TryFromOrt(element, out var elementType);
                return new TypeDescription(isTensor && known ? ValueKind.Tensor : ValueKind.Other, elementType, dims, name, null);
            }

            case OnnxValueType.ONNX_TYPE_SEQUENCE:
            {
                var inner = Describe(node.AsSequenceMetadata().ElementMeta);
                return new TypeDescription(ValueKind.Sequence, inner.ElementType, [], $"seq({inner.OnnxType})", inner.MapKeyType);
            }

            case OnnxValueType.ONNX_TYPE_MAP:
            {
                var map = node.AsMapMetadata();
                var inner = Describe(map.ValueMetadata);
                TensorElementType? keyType = OnnxElementTypes.TryFromOrt(map.KeyDataType, out var k) ? k : null;
                return new TypeDescription(
                    ValueKind.Map, inner.ElementType, [], $"map({OnnxElementTypes.OnnxName(map.KeyDataType)},{inner.OnnxType})", keyType);
            }

            case OnnxValueType.ONNX_TYPE_OPAQUE:
                return new TypeDescription(ValueKind.Other, default, [], "opaque", null);
            case OnnxValueType.ONNX_TYPE_OPTIONAL:
                return new TypeDescription(ValueKind.Other, default, [], "optional", null);
            default:
                return new TypeDescription(ValueKind.Other, default, [], "unknown", null);
        }
    }

    private static ModelOps.Runtime.ModelMetadata ReadMetadata(OrtModelMetadata metadata) =>
        new(metadata.ProducerName,
            metadata.GraphName,
            metadata.Domain,
            metadata.Description,
            metadata.Version,
            new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal));

    private sealed record TypeDescription(
        ValueKind Kind, TensorElementType ElementType, long[] Shape, string OnnxType, TensorElementType? MapKeyType);
}
