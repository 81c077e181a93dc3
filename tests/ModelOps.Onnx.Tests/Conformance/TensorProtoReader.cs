using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests.Conformance;

/// <summary>
/// Reads a serialized ONNX <c>TensorProto</c> (onnx.proto) into a <see cref="Tensor"/>: dims=1, data_type=2, float_data=4,
/// int32_data=5, string_data=6, int64_data=7, name=8, raw_data=9, double_data=10, uint64_data=11.
/// </summary>
internal static class TensorProtoReader
{
    // TensorProto.DataType
    private const int Float = 1;
    private const int UInt8 = 2;
    private const int Int8 = 3;
    private const int UInt16 = 4;
    private const int Int16 = 5;
    private const int Int32 = 6;
    private const int Int64 = 7;
    private const int String = 8;
    private const int Bool = 9;
    private const int Float16 = 10;
    private const int Double = 11;
    private const int UInt32 = 12;
    private const int UInt64 = 13;
    private const int BFloat16 = 16;

    public static (string Name, Tensor Tensor) ReadFile(string path) => Read(File.ReadAllBytes(path));

    public static (string Name, Tensor Tensor) Read(byte[] bytes)
    {
        var dims = new List<long>();
        var dataType = 0;
        var name = string.Empty;
        var floats = new List<float>();
        var int32s = new List<int>();
        var int64s = new List<long>();
        var doubles = new List<double>();
        var uint64s = new List<ulong>();
        var strings = new List<byte[]>();
        byte[]? raw = null;

        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            var packed = WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
            switch (field)
            {
                case 1: ReadRepeated(input, packed, s => dims.Add(s.ReadInt64())); break;
                case 2: dataType = input.ReadInt32(); break;
                case 4: ReadRepeated(input, packed, s => floats.Add(s.ReadFloat())); break;
                case 5: ReadRepeated(input, packed, s => int32s.Add(s.ReadInt32())); break;
                case 6: strings.Add(input.ReadBytes().ToByteArray()); break;
                case 7: ReadRepeated(input, packed, s => int64s.Add(s.ReadInt64())); break;
                case 8: name = input.ReadString(); break;
                case 9: raw = input.ReadBytes().ToByteArray(); break;
                case 10: ReadRepeated(input, packed, s => doubles.Add(s.ReadDouble())); break;
                case 11: ReadRepeated(input, packed, s => uint64s.Add(s.ReadUInt64())); break;
                default: input.SkipLastField(); break;
            }
        }

        var shape = dims.ToArray();
        var count = checked((int)Tensor.ElementCount(shape));
        Array data = dataType switch
        {
            Float => raw is null ? floats.ToArray() : Raw(raw, count, 4, (b, i) => BinaryPrimitives.ReadSingleLittleEndian(b[(i * 4)..])),
            Double => raw is null ? doubles.ToArray() : Raw(raw, count, 8, (b, i) => BinaryPrimitives.ReadDoubleLittleEndian(b[(i * 8)..])),
            Int64 => raw is null ? int64s.ToArray() : Raw(raw, count, 8, (b, i) => BinaryPrimitives.ReadInt64LittleEndian(b[(i * 8)..])),
            Int32 => raw is null ? int32s.ToArray() : Raw(raw, count, 4, (b, i) => BinaryPrimitives.ReadInt32LittleEndian(b[(i * 4)..])),
            Int16 => raw is null ? int32s.Select(v => (short)v).ToArray() : Raw(raw, count, 2, (b, i) => BinaryPrimitives.ReadInt16LittleEndian(b[(i * 2)..])),
            Int8 => raw is null ? int32s.Select(v => (sbyte)v).ToArray() : Raw(raw, count, 1, (b, i) => (sbyte)b[i]),
            UInt8 => raw is null ? int32s.Select(v => (byte)v).ToArray() : Raw(raw, count, 1, (b, i) => b[i]),
            UInt16 => raw is null ? int32s.Select(v => (ushort)v).ToArray() : Raw(raw, count, 2, (b, i) => BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..])),
            UInt32 => raw is null ? uint64s.Select(v => (uint)v).ToArray() : Raw(raw, count, 4, (b, i) => BinaryPrimitives.ReadUInt32LittleEndian(b[(i * 4)..])),
            UInt64 => raw is null ? uint64s.ToArray() : Raw(raw, count, 8, (b, i) => BinaryPrimitives.ReadUInt64LittleEndian(b[(i * 8)..])),
            Bool => raw is null ? int32s.Select(v => v != 0).ToArray() : Raw(raw, count, 1, (b, i) => b[i] != 0),
            Float16 => raw is null
                ? int32s.Select(v => BitConverter.UInt16BitsToHalf((ushort)v)).ToArray()
                : Raw(raw, count, 2, (b, i) => BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..]))),
            BFloat16 => raw is null ? int32s.Select(v => (ushort)v).ToArray() : Raw(raw, count, 2, (b, i) => BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..])),
            String => strings.Select(s => Encoding.UTF8.GetString(s)).ToArray(),
            _ => throw new NotSupportedException($"TensorProto data_type {dataType} is not read by this test reader."),
        };

        var elementType = dataType switch
        {
            Float => TensorElementType.Float32,
            Double => TensorElementType.Float64,
            Int64 => TensorElementType.Int64,
            Int32 => TensorElementType.Int32,
            Int16 => TensorElementType.Int16,
            Int8 => TensorElementType.Int8,
            UInt8 => TensorElementType.UInt8,
            UInt16 => TensorElementType.UInt16,
            UInt32 => TensorElementType.UInt32,
            UInt64 => TensorElementType.UInt64,
            Bool => TensorElementType.Bool,
            Float16 => TensorElementType.Float16,
            BFloat16 => TensorElementType.BFloat16,
            _ => TensorElementType.String,
        };
        return (name, new Tensor(elementType, shape, data));
    }

    private delegate T RawReader<T>(ReadOnlySpan<byte> bytes, int index);

    private static T[] Raw<T>(byte[] raw, int count, int size, RawReader<T> read)
    {
        if (raw.Length != count * size)
        {
            throw new InvalidDataException($"raw_data holds {raw.Length} bytes; {count} elements of {size} bytes were expected.");
        }

        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = read(raw, i);
        }

        return result;
    }

    private static void ReadRepeated(CodedInputStream input, bool packed, Action<CodedInputStream> readOne)
    {
        if (!packed)
        {
            readOne(input);
            return;
        }

        var inner = new CodedInputStream(input.ReadBytes().ToByteArray());
        while (!inner.IsAtEnd)
        {
            readOne(inner);
        }
    }
}
