using System.Buffers.Binary;
using System.Text;

namespace ModelOps.Training.Onnx;

/// <summary>
/// The protocol-buffers wire format, just what ONNX files need: varints, fixed32 floats, length-delimited bytes,
/// strings and nested messages, packed repeated numbers (varint, float, double).
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public void Int64(int field, long value)
    {
        Tag(field, WireVarint);
        Varint((ulong)value);
    }

    public void Float(int field, float value)
    {
        Tag(field, WireFixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireLengthDelimited);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        Bytes(field, nested._buffer.GetBuffer().AsSpan(0, (int)nested._buffer.Length));
    }

    public void PackedFloats(int field, IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        Bytes(field, bytes);
    }

    public void PackedDoubles(int field, IReadOnlyList<double> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        Bytes(field, bytes);
    }

    public void PackedInt64s(int field, IReadOnlyList<long> values)
    {
        var nested = new ProtoWriter();
        foreach (var value in values)
        {
            nested.Varint((ulong)value);
        }

        Bytes(field, nested._buffer.GetBuffer().AsSpan(0, (int)nested._buffer.Length));
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
