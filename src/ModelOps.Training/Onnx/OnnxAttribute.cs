namespace ModelOps.Training.Onnx;

/// <summary>An ONNX node attribute (AttributeProto): one of float, int, string, floats, ints, strings or a tensor.</summary>
internal sealed class OnnxAttribute
{
    // AttributeProto.AttributeType values from onnx.proto.
    private const int TypeFloat = 1;
    private const int TypeInt = 2;
    private const int TypeString = 3;
    private const int TypeTensor = 4;
    private const int TypeFloats = 6;
    private const int TypeInts = 7;
    private const int TypeStrings = 8;

    private OnnxAttribute(string name, int type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public int Type { get; }

    private float _float;
    private long _int;
    private string? _string;
    private IReadOnlyList<float>? _floats;
    private IReadOnlyList<long>? _ints;
    private IReadOnlyList<string>? _strings;
    private OnnxTensor? _tensor;

    public static OnnxAttribute Float(string name, float value) => new(name, TypeFloat) { _float = value };

    public static OnnxAttribute Int(string name, long value) => new(name, TypeInt) { _int = value };

    public static OnnxAttribute String(string name, string value) => new(name, TypeString) { _string = value };

    public static OnnxAttribute Floats(string name, IReadOnlyList<float> values) => new(name, TypeFloats) { _floats = values };

    public static OnnxAttribute Ints(string name, IReadOnlyList<long> values) => new(name, TypeInts) { _ints = values };

    public static OnnxAttribute Strings(string name, IReadOnlyList<string> values) => new(name, TypeStrings) { _strings = values };

    public static OnnxAttribute Tensor(string name, OnnxTensor value) => new(name, TypeTensor) { _tensor = value };

    /// <summary>Writes the AttributeProto fields: name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8, strings = 9, type = 20.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        writer.String(1, Name);
        switch (Type)
        {
            case TypeFloat:
                writer.Float(2, _float);
                break;
            case TypeInt:
                writer.Int64(3, _int);
                break;
            case TypeString:
                writer.String(4, _string!);
                break;
            case TypeTensor:
                writer.Message(5, _tensor!.WriteTo);
                break;
            case TypeFloats:
                writer.PackedFloats(7, _floats!);
                break;
            case TypeInts:
                writer.PackedInt64s(8, _ints!);
                break;
            case TypeStrings:
                foreach (var s in _strings!)
                {
                    writer.String(9, s);
                }

                break;
            default:
                throw new InvalidOperationException($"Attribute type {Type} is not written by this exporter.");
        }

        writer.Int64(20, Type);
    }
}
