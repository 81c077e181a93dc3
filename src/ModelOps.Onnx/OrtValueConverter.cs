using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ModelOps.Onnx.Native;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx;

/// <summary>Turns <see cref="Tensor"/>s into <c>OrtValue</c>s and <c>OrtValue</c>s (tensors, sequences, maps) back into <see cref="ModelValue"/>s.</summary>
internal static unsafe class OrtValueConverter
{
    private const int OnnxTypeTensor = 1;
    private const int OnnxTypeSequence = 2;
    private const int OnnxTypeMap = 3;

    /// <summary>
    /// An <c>OrtValue</c> for an input tensor. Numeric tensors are not copied: the array is pinned (the pin is returned
    /// in <paramref name="pin"/> and must outlive the value). String tensors are copied into ORT-owned memory.
    /// </summary>
    public static IntPtr CreateInput(OrtApi api, IntPtr cpuMemoryInfo, Tensor tensor, out GCHandle pin)
    {
        var onnxType = OnnxElementTypes.ToOnnx(tensor.ElementType);
        var shape = tensor.Shape;
        if (tensor.ElementType == TensorElementType.String)
        {
            pin = default;
            return CreateStringTensor(api, (string[])tensor.Data, shape, onnxType);
        }

        pin = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
        try
        {
            var data = Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(tensor.Data));
            var byteLength = (long)tensor.Length * tensor.ElementType.ElementSize();
            fixed (long* dims = shape)
            {
                return api.CreateTensorWithData(cpuMemoryInfo, data, byteLength, dims, shape.Length, onnxType);
            }
        }
        catch
        {
            pin.Free();
            throw;
        }
    }

    private static IntPtr CreateStringTensor(OrtApi api, string[] strings, long[] shape, int onnxType)
    {
        IntPtr value;
        fixed (long* dims = shape)
        {
            value = api.CreateTensor(dims, shape.Length, onnxType);
        }

        if (strings.Length == 0)
        {
            return value;
        }

        try
        {
            // One buffer of NUL-terminated UTF-8 strings and a table of pointers into it; ORT copies them.
            var total = 0;
            foreach (var s in strings)
            {
                total = checked(total + Encoding.UTF8.GetByteCount(s ?? string.Empty) + 1);
            }

            var bytes = new byte[total];
            var offsets = new int[strings.Length];
            var position = 0;
            for (var i = 0; i < strings.Length; i++)
            {
                offsets[i] = position;
                position += Encoding.UTF8.GetBytes(strings[i] ?? string.Empty, bytes.AsSpan(position));
                bytes[position++] = 0;
            }

            var pointers = new IntPtr[strings.Length];
            fixed (byte* b = bytes)
            fixed (IntPtr* p = pointers)
            {
                for (var i = 0; i < strings.Length; i++)
                {
                    p[i] = (IntPtr)(b + offsets[i]);
                }

                api.FillStringTensor(value, (byte**)p, strings.Length);
            }

            return value;
        }
        catch
        {
            api.ReleaseValue(value);
            throw;
        }
    }

    /// <summary>Copies an ORT output (tensor, sequence or map) into managed values.</summary>
    public static ModelValue ToModelValue(OrtApi api, IntPtr value)
    {
        var type = api.GetValueType(value);
        switch (type)
        {
            case OnnxTypeTensor:
                return ReadTensor(api, value);
            case OnnxTypeSequence:
            {
                var count = api.GetValueCount(value);
                var items = new ModelValue[count];
                for (var i = 0; i < count; i++)
                {
                    using var element = api.GetValue(value, i);
                    items[i] = ToModelValue(api, element.Pointer);
                }

                return new SequenceValue(items);
            }

            case OnnxTypeMap:
            {
                using var keys = api.GetValue(value, 0);
                using var values = api.GetValue(value, 1);
                return new MapValue(ReadTensor(api, keys.Pointer), ReadTensor(api, values.Pointer));
            }

            default:
                throw new ModelRunException(
                    $"The model produced a value of ONNX type {type} (only tensors, sequences and maps are supported).", isInvalidInput: false);
        }
    }

    private static Tensor ReadTensor(OrtApi api, IntPtr value)
    {
        int onnxType;
        long[] shape;
        using (var info = api.GetTensorTypeAndShape(value))
        {
            onnxType = api.GetTensorElementType(info.Pointer);
            shape = api.GetDimensions(info.Pointer);
        }

        if (!OnnxElementTypes.TryFromOnnx(onnxType, out var elementType))
        {
            throw new ModelRunException(
                $"The model produced a tensor of {OnnxElementTypes.OnnxName(onnxType)}, which has no .NET representation here.", isInvalidInput: false);
        }

        var count = checked((int)Tensor.ElementCount(shape));
        if (elementType == TensorElementType.String)
        {
            return new Tensor(elementType, shape, ReadStrings(api, value, count));
        }

        var array = elementType.CreateArray(count);
        if (count > 0)
        {
            var byteLength = checked(count * elementType.ElementSize());
            var source = new ReadOnlySpan<byte>(api.GetTensorMutableData(value), byteLength);
            source.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), byteLength));
        }

        return new Tensor(elementType, shape, array);
    }

    private static string[] ReadStrings(OrtApi api, IntPtr value, int count)
    {
        var strings = new string[count];
        if (count == 0)
        {
            return strings;
        }

        var length = api.GetStringTensorDataLength(value);
        var buffer = new byte[Math.Max(1, length)];
        var offsets = new nuint[count];
        fixed (byte* b = buffer)
        fixed (nuint* o = offsets)
        {
            api.GetStringTensorContent(value, b, length, o, count);
        }

        for (var i = 0; i < count; i++)
        {
            var start = (int)offsets[i];
            var end = i + 1 < count ? (int)offsets[i + 1] : (int)length;
            strings[i] = Encoding.UTF8.GetString(buffer, start, end - start);
        }

        return strings;
    }
}
