using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx;

/// <summary>Copies ORT-allocated outputs (tensors, sequences, maps) into managed <see cref="ModelValue"/>s the caller owns.</summary>
internal static class OrtValueReader
{
    public static ModelValue Read(OrtValue value)
    {
        switch (value.OnnxType)
        {
            case OnnxValueType.ONNX_TYPE_TENSOR:
                return ReadTensor(value);
            case OnnxValueType.ONNX_TYPE_SEQUENCE:
            {
                var count = value.GetValueCount();
                var items = new ModelValue[count];
                for (var i = 0; i < count; i++)
                {
                    using var element = value.GetValue(i, OrtAllocator.DefaultInstance);
                    items[i] = Read(element);
                }

                return new SequenceValue(items);
            }

            case OnnxValueType.ONNX_TYPE_MAP:
            {
                using var keys = value.GetValue(0, OrtAllocator.DefaultInstance);
                using var values = value.GetValue(1, OrtAllocator.DefaultInstance);
                return new MapValue(ReadTensor(keys), ReadTensor(values));
            }

            default:
                throw new ModelRunException(
                    $"The model produced a value of ONNX type {value.OnnxType} (only tensors, sequences and maps are supported).", isInvalidInput: false);
        }
    }

    private static Tensor ReadTensor(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        if (!OnnxElementTypes.TryFromOrt(info.ElementDataType, out var elementType))
        {
            throw new ModelRunException(
                $"The model produced a tensor of {OnnxElementTypes.OnnxName(info.ElementDataType)}, which has no .NET representation here.",
                isInvalidInput: false);
        }

        if (elementType == TensorElementType.String)
        {
            return new Tensor(elementType, info.Shape, value.GetStringTensorAsArray());
        }

        var array = OnnxElementTypes.NewArray(elementType, checked((int)info.ElementCount));
        value.GetTensorMutableRawData().CopyTo(Bytes(array, elementType));
        return new Tensor(elementType, info.Shape, array);
    }

    /// <summary>The bytes of a numeric array holding <paramref name="type"/>, for copying raw tensor data in and out.</summary>
    public static Span<byte> Bytes(Array array, TensorElementType type) =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), array.Length * type.ElementSize());
}
