using ModelOps.Onnx.Native;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx;

/// <summary>Reads a session's inputs, outputs (names and ONNX types) and model metadata.</summary>
internal static class OnnxSignatureReader
{
    private const int OnnxTypeTensor = 1;
    private const int OnnxTypeSequence = 2;
    private const int OnnxTypeMap = 3;
    private const int OnnxTypeOpaque = 4;
    private const int OnnxTypeSparseTensor = 5;
    private const int OnnxTypeOptional = 6;

    public static ModelSignature Read(OrtApi api, OrtHandle session)
    {
        return new ModelSignature(ReadValues(api, session, input: true), ReadValues(api, session, input: false), ReadMetadata(api, session));
    }

    private static ValueSpec[] ReadValues(OrtApi api, OrtHandle session, bool input)
    {
        var count = api.SessionGetCount(session, input);
        var specs = new ValueSpec[count];
        for (var i = 0; i < count; i++)
        {
            var name = api.SessionGetName(session, input, i);
            using var typeInfo = api.SessionGetTypeInfo(session, input, i);
            var type = Describe(api, typeInfo.Pointer);
            specs[i] = new ValueSpec(name, type.Kind, type.ElementType, type.Shape, type.OnnxType, type.MapKeyType);
        }

        return specs;
    }

    private static TypeDescription Describe(OrtApi api, IntPtr typeInfo)
    {
        var onnxType = api.GetOnnxTypeFromTypeInfo(typeInfo);
        switch (onnxType)
        {
            case OnnxTypeTensor:
            case OnnxTypeSparseTensor:
            {
                var tensorInfo = api.CastTypeInfoToTensorInfo(typeInfo);
                if (tensorInfo == IntPtr.Zero)
                {
                    return new TypeDescription(ValueKind.Other, default, [], onnxType == OnnxTypeTensor ? "tensor" : "sparse_tensor", null);
                }

                var element = api.GetTensorElementType(tensorInfo);
                var dims = api.GetDimensions(tensorInfo);
                for (var d = 0; d < dims.Length; d++)
                {
                    if (dims[d] < 0)
                    {
                        dims[d] = -1;
                    }
                }

                var name = (onnxType == OnnxTypeTensor ? "tensor(" : "sparse_tensor(") + OnnxElementTypes.OnnxName(element) + ")";
                var known = OnnxElementTypes.TryFromOnnx(element, out var elementType);
                var kind = onnxType == OnnxTypeTensor && known ? ValueKind.Tensor : ValueKind.Other;
                return new TypeDescription(kind, elementType, dims, name, null);
            }

            case OnnxTypeSequence:
            {
                var sequenceInfo = api.CastTypeInfoToSequenceTypeInfo(typeInfo);
                using var elementInfo = api.GetSequenceElementType(sequenceInfo);
                var inner = Describe(api, elementInfo.Pointer);
                return new TypeDescription(ValueKind.Sequence, inner.ElementType, [], $"seq({inner.OnnxType})", inner.MapKeyType);
            }

            case OnnxTypeMap:
            {
                var mapInfo = api.CastTypeInfoToMapTypeInfo(typeInfo);
                var key = api.GetMapKeyType(mapInfo);
                using var valueInfo = api.GetMapValueType(mapInfo);
                var inner = Describe(api, valueInfo.Pointer);
                TensorElementType? keyType = OnnxElementTypes.TryFromOnnx(key, out var k) ? k : null;
                return new TypeDescription(
                    ValueKind.Map, inner.ElementType, [], $"map({OnnxElementTypes.OnnxName(key)},{inner.OnnxType})", keyType);
            }

            case OnnxTypeOpaque:
                return new TypeDescription(ValueKind.Other, default, [], "opaque", null);
            case OnnxTypeOptional:
                return new TypeDescription(ValueKind.Other, default, [], "optional", null);
            default:
                return new TypeDescription(ValueKind.Other, default, [], "unknown", null);
        }
    }

    private static ModelMetadata ReadMetadata(OrtApi api, OrtHandle session)
    {
        using var metadata = api.SessionGetModelMetadata(session);
        return new ModelMetadata(
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetProducerName),
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetGraphName),
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetDomain),
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetDescription),
            api.ModelMetadataGetVersion(metadata),
            api.ModelMetadataGetCustom(metadata));
    }

    private sealed record TypeDescription(
        ValueKind Kind, TensorElementType ElementType, long[] Shape, string OnnxType, TensorElementType? MapKeyType);
}
