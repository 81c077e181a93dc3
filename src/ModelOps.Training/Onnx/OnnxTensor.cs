namespace ModelOps.Training.Onnx;

/// <summary>A constant tensor (TensorProto) for initializers and tensor attributes: float, double, int64 or string data.</summary>
internal sealed class OnnxTensor
{
    // TensorProto.DataType values from onnx.proto.
    public const int Float = 1;
    public const int Int64 = 7;
    public const int String = 8;
    public const int Double = 11;

    private OnnxTensor(string name, int dataType, long[] dims)
    {
        Name = name;
        DataType = dataType;
        Dims = dims;
    }

    public string Name { get; }

    public int DataType { get; }

    public long[] Dims { get; }

    private IReadOnlyList<float>? _floats;
    private IReadOnlyList<long>? _ints;
    private IReadOnlyList<string>? _strings;
    private IReadOnlyList<double>? _doubles;

    public static OnnxTensor Floats(string name, IReadOnlyList<float> data, params long[] dims) => new(name, Float, dims) { _floats = data };

    public static OnnxTensor Int64s(string name, IReadOnlyList<long> data, params long[] dims) => new(name, Int64, dims) { _ints = data };

    public static OnnxTensor Doubles(string name, IReadOnlyList<double> data, params long[] dims) => new(name, Double, dims) { _doubles = data };

    public static OnnxTensor Strings(string name, IReadOnlyList<string> data, params long[] dims) => new(name, String, dims) { _strings = data };

    /// <summary>Writes the TensorProto fields: dims = 1, data_type = 2, float_data = 4, string_data = 6, int64_data = 7, name = 8, double_data = 10.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        writer.PackedInt64s(1, Dims);
        writer.Int64(2, DataType);
        if (_floats is not null)
        {
            writer.PackedFloats(4, _floats);
        }

        if (_strings is not null)
        {
            foreach (var s in _strings)
            {
                writer.String(6, s);
            }
        }

        if (_ints is not null)
        {
            writer.PackedInt64s(7, _ints);
        }

        writer.String(8, Name);
        if (_doubles is not null)
        {
            writer.PackedDoubles(10, _doubles);
        }
    }
}
