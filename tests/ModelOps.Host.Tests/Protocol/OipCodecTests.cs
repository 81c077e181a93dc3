using System.Text;
using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Inference;
using ModelOps.Protocol;
using ModelOps.Registry;
using ModelOps.Tensors;

namespace ModelOps.Host.Tests.Protocol;

public sealed class OipCodecTests
{
    private static InferenceRequest Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return OipCodec.ReadRequest(document.RootElement, "m", null);
    }

    private static string Fails(string json)
    {
        var exception = Assert.Throws<ModelOpsException>(() => Read(json));
        Assert.Equal(ErrorKind.InvalidInput, exception.Kind);
        return exception.Message;
    }

    [Fact]
    public void ReadRequest_NestedAndFlatData_SameTensor()
    {
        var nested = Read("""{"inputs":[{"name":"x","shape":[2,2],"datatype":"FP32","data":[[1,2],[3,4]]}]}""");
        var flat = Read("""{"id":"r1","inputs":[{"name":"x","shape":[2,2],"datatype":"FP32","data":[1,2,3,4]}],"outputs":[{"name":"y"}]}""");

        Assert.Equal(new float[] { 1, 2, 3, 4 }, ((Tensor)nested.Inputs[0].Value).As<float>());
        Assert.Equal(((Tensor)nested.Inputs[0].Value).As<float>(), ((Tensor)flat.Inputs[0].Value).As<float>());
        Assert.Equal("r1", flat.Id);
        Assert.Equal(["y"], flat.OutputNames!);
    }

    [Theory]
    [InlineData("BOOL", "[true,false]", typeof(bool))]
    [InlineData("UINT8", "[0,255]", typeof(byte))]
    [InlineData("UINT16", "[0,65535]", typeof(ushort))]
    [InlineData("UINT32", "[0,4294967295]", typeof(uint))]
    [InlineData("UINT64", "[0,18446744073709551615]", typeof(ulong))]
    [InlineData("INT8", "[-128,127]", typeof(sbyte))]
    [InlineData("INT16", "[-32768,32767]", typeof(short))]
    [InlineData("INT32", "[-2147483648,2147483647]", typeof(int))]
    [InlineData("INT64", "[-9223372036854775808,9223372036854775807]", typeof(long))]
    [InlineData("FP16", "[0.5,-2]", typeof(Half))]
    [InlineData("FP32", "[0.5,-2]", typeof(float))]
    [InlineData("FP64", "[0.5,-2]", typeof(double))]
    [InlineData("BYTES", "[\"a\",\"\u00e9\"]", typeof(string))]
    public void ReadRequest_EveryDatatype_RoundTripsThroughWriter(string datatype, string data, Type clrType)
    {
        var request = Read($$"""{"inputs":[{"name":"x","shape":[2],"datatype":"{{datatype}}","data":{{data}}}]}""");
        var tensor = (Tensor)request.Inputs[0].Value;
        Assert.Equal(clrType, tensor.Data.GetType().GetElementType());

        var written = WriteResponse(tensor);

        using var document = JsonDocument.Parse(written);
        var output = document.RootElement.GetProperty("outputs")[0];
        Assert.Equal(datatype, output.GetProperty("datatype").GetString());
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(data).RootElement, ModelOps.Serialization.ModelOpsJson.Options), output.GetProperty("data").GetRawText());
    }

    [Theory]
    [InlineData("""[1,2]""", "The body must be a JSON object")]
    [InlineData("""{"inputs":{}}""", "'inputs' array")]
    [InlineData("""{"inputs":[{"shape":[1],"datatype":"FP32","data":[1]}]}""", "no string 'name'")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"FLOAT","data":[1]}]}""", "datatype 'FLOAT'")]
    [InlineData("""{"inputs":[{"name":"x","shape":[-1],"datatype":"FP32","data":[1]}]}""", "non-negative integers")]
    [InlineData("""{"inputs":[{"name":"x","shape":[3],"datatype":"FP32","data":[1,2]}]}""", "has 2 data elements but its shape needs 3")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1,2]}]}""", "has 2 data elements but its shape needs 1")]
    [InlineData("""{"inputs":[{"name":"x","shape":[2],"datatype":"FP32","data":[1,"two"]}]}""", "element 1 is a string, but FP32 data must be numbers")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"INT8","data":[300]}]}""", "not a valid INT8 value")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"BYTES","data":[3]}]}""", "BYTES data must be strings")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32"}]}""", "has no 'data'")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}],"outputs":[{"name":"y"},{"name":"y"}]}""", "requested more than once")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":1}]}""", "'data' as an array")]
    [InlineData("""{"inputs":[{"name":"x","shape":[4611686018427387904, 4],"datatype":"FP32","data":[1]}]}""", "too large")]
    public void ReadRequest_BadInput_NamesTheProblem(string json, string expected) =>
        Assert.Contains(expected, Fails(json), StringComparison.Ordinal);

    [Fact]
    public void WriteResponse_NonFiniteFloats_WrittenAsStrings()
    {
        var written = WriteResponse(Tensor.Create(new[] { float.NaN, float.PositiveInfinity, 1.5f }, 3));

        Assert.Contains("\"data\":[\"NaN\",\"Infinity\",1.5]", written, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTensor_SequenceOfMaps_BecomesMatrixWithKeys()
    {
        var keys = Tensor.Create(new long[] { 0, 1 }, 2);
        var sequence = new SequenceValue(
        [
            new MapValue(keys, Tensor.Create(new[] { 0.25f, 0.75f }, 2)),
            new MapValue(keys, Tensor.Create(new[] { 0.5f, 0.5f }, 2)),
        ]);

        var (tensor, mapKeys) = OipCodec.ToTensor("p", sequence);

        Assert.Equal(new long[] { 2, 2 }, tensor.Shape);
        Assert.Equal(new[] { 0.25f, 0.75f, 0.5f, 0.5f }, tensor.As<float>());
        Assert.Same(keys, mapKeys);
    }

    private static string WriteResponse(Tensor tensor)
    {
        var version = new ModelVersion
        {
            Name = "m",
            Version = 3,
            Sha256 = "00",
            Size = 1,
            Inputs = [],
            Outputs = [],
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, ModelOps.Http.Endpoints.HttpBodies.WriterOptions))
        {
            OipCodec.WriteResponse(writer, new InferenceResult(version, "id-1", [new NamedValue("y", tensor)]));
        }

        var json = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("\"model_name\":\"m\",\"model_version\":\"3\",\"id\":\"id-1\"", json, StringComparison.Ordinal);
        return json;
    }
}
