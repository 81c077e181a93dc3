using System.Text.Json;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests.Conformance;

/// <summary>
/// The classic-ML models of shared/data/onnx-models: expected outputs from EXPECTED.json where the source gives them,
/// the documented semantics where it gives those, and otherwise ONNX Runtime's own outputs from onnxruntime-node 1.30
/// (Reference/onnx-models-reference.json, made by Reference/make-onnx-models-reference.js), which ORT 1.32 through
/// this adapter must reproduce within float tolerance.
/// </summary>
public sealed class OnnxModelsConformanceTests
{
    private static readonly string Models = Path.Combine(TestPaths.SharedData, "onnx-models");

    private static readonly string ReferenceFile =
        Path.Combine(TestPaths.RepoRoot, "tests", "ModelOps.Onnx.Tests", "Conformance", "Reference", "onnx-models-reference.json");

    /// <summary>Models checked by a dedicated test below rather than through the reference file.</summary>
    private static readonly string[] DedicatedTests =
    [
        "onnxruntime_go__sklearn_randomforest.onnx",
        "onnxruntime_go__example_multitype.onnx",
        "onnxruntime_go__example_dynamic_axes.onnx",
        "onnxruntime_go__example_float16.onnx",
        "onnxruntime_go__example_several_inputs_and_outputs.onnx",
        "onnxruntime_go__example_strings.onnx",
    ];

    public static TheoryData<string> ReferenceModels() => new(ReferenceModelNames());

    private static List<string> ReferenceModelNames()
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(ReferenceFile));
        return reference.RootElement.GetProperty("models").EnumerateObject().Select(m => m.Name).ToList();
    }

    [Fact]
    public void EveryModel_IsCovered()
    {
        var covered = ReferenceModelNames().Concat(DedicatedTests).ToHashSet(StringComparer.Ordinal);
        var models = Directory.GetFiles(Models, "*.onnx").Select(f => Path.GetFileName(f)).ToList();
        Assert.Equal(13, models.Count);
        Assert.All(models, m => Assert.Contains(m, covered));
    }

    [Theory]
    [MemberData(nameof(ReferenceModels))]
    public void Run_Model_MatchesOnnxRuntimeNode(string model)
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(ReferenceFile));
        var entry = reference.RootElement.GetProperty("models").GetProperty(model);
        var inputs = entry.GetProperty("inputs").EnumerateObject().Select(p => new NamedValue(p.Name, FromJson(p.Value))).ToList();
        var expected = entry.GetProperty("outputs").EnumerateObject().Select(p => (p.Name, Tensor: FromJson(p.Value))).ToList();
        using var session = TestRuntime.LoadFile(Path.Combine(Models, model));

        var results = session.Run(inputs);

        Assert.Equal(expected.Select(e => e.Name), results.Select(r => r.Name));
        for (var i = 0; i < expected.Count; i++)
        {
            TensorAssert.Close(expected[i].Tensor, results[i].Value, expected[i].Name, rtol: 1e-5, atol: 1e-6);
        }
    }

    [Fact]
    public void Run_RandomForest_MatchesExpectedLabelsAndZipMapProbabilities()
    {
        using var expectedJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Models, "EXPECTED.json")));
        var entry = expectedJson.RootElement.GetProperty("onnxruntime_go__sklearn_randomforest.onnx");
        var x = entry.GetProperty("inputs").GetProperty("X");
        var input = Tensor.Create(
            x.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray(),
            x.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray());
        using var session = TestRuntime.LoadFile(Path.Combine(Models, "onnxruntime_go__sklearn_randomforest.onnx"));

        var probabilitySpec = session.Signature.FindOutput("output_probability")!;
        Assert.Equal(ValueKind.Sequence, probabilitySpec.Kind);
        Assert.Equal("seq(map(int64,tensor(float)))", probabilitySpec.OnnxType);
        Assert.Equal(TensorElementType.Int64, probabilitySpec.MapKeyType);
        Assert.Equal(TensorElementType.Float32, probabilitySpec.ElementType);
        Assert.Equal(new long[] { -1, 4 }, session.Signature.FindInput("X")!.Shape);

        var results = session.Run([new NamedValue("X", input)]);

        var expectedOutputs = entry.GetProperty("expected_outputs");
        var labels = Assert.IsType<Tensor>(results[0].Value);
        Assert.Equal("output_label", results[0].Name);
        Assert.Equal(expectedOutputs.GetProperty("output_label").GetProperty("data").EnumerateArray().Select(v => v.GetInt64()), labels.As<long>());

        var rows = Assert.IsType<SequenceValue>(results[1].Value).Items;
        var expectedRows = expectedOutputs.GetProperty("output_probability").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(expectedRows.Count, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var map = Assert.IsType<MapValue>(rows[r]);
            var keys = map.Keys.As<long>();
            var values = map.Values.As<float>();
            var expectedRow = expectedRows[r].EnumerateObject().ToDictionary(p => long.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetDouble());
            Assert.Equal(expectedRow.Keys.Order(), keys.Order());
            for (var k = 0; k < keys.Length; k++)
            {
                Assert.True(Math.Abs(values[k] - expectedRow[keys[k]]) <= 1e-6 + (1e-5 * Math.Abs(expectedRow[keys[k]])), $"row {r} class {keys[k]}: {values[k]} vs {expectedRow[keys[k]]}");
            }
        }
    }

    [Fact]
    public void Run_Multitype_ComputesDocumentedSemantics()
    {
        using var session = TestRuntime.LoadFile(Path.Combine(Models, "onnxruntime_go__example_multitype.onnx"));
        double[] b = [1.5, -2.25, 3.0, 4.75];

        var results = session.Run(
        [
            new NamedValue("InputA", Tensor.Create(new byte[] { 255 }, 1, 1, 1)),
            new NamedValue("InputB", Tensor.Create(b, 1, 2, 2)),
        ]);

        // OutputA[i] = int16(InputB[i] * InputA[0] - 512), truncating toward zero; OutputB = InputA[0] * 1234 as int64.
        var outputA = Assert.IsType<Tensor>(results[0].Value);
        Assert.Equal(new long[] { 1, 2, 2 }, outputA.Shape);
        Assert.Equal(b.Select(v => (short)Math.Truncate((v * 255) - 512)), outputA.As<short>());
        var outputB = Assert.IsType<Tensor>(results[1].Value);
        Assert.Equal(new[] { 255L * 1234 }, outputB.As<long>());
    }

    [Fact]
    public void Run_DynamicAxes_SumsEachRowForAnyBatchSize()
    {
        using var session = TestRuntime.LoadFile(Path.Combine(Models, "onnxruntime_go__example_dynamic_axes.onnx"));
        Assert.Equal(new long[] { -1, 10 }, session.Signature.Inputs[0].Shape);
        Assert.Equal(new long[] { -1 }, session.Signature.Outputs[0].Shape);

        foreach (var batch in new[] { 1, 3, 17 })
        {
            var data = Enumerable.Range(0, batch * 10).Select(i => (float)((i % 7) - 3) / 4).ToArray();
            var result = Assert.IsType<Tensor>(session.Run([new NamedValue("input_vectors", Tensor.Create(data, batch, 10))])[0].Value);
            Assert.Equal(new long[] { batch }, result.Shape);
            var expected = Enumerable.Range(0, batch).Select(b => data.Skip(b * 10).Take(10).Sum()).ToArray();
            Assert.Equal(expected, result.As<float>());
        }
    }

    [Fact]
    public void Run_Float16Model_MultipliesByThreeIntoBFloat16()
    {
        using var session = TestRuntime.LoadFile(Path.Combine(Models, "onnxruntime_go__example_float16.onnx"));
        Assert.Equal(TensorElementType.Float16, session.Signature.Inputs[0].ElementType);
        Assert.Equal(TensorElementType.BFloat16, session.Signature.Outputs[0].ElementType);
        float[] values = [0f, 0.5f, 1f, 1.5f, -2f, 2.25f, 10f, -0.125f];

        var result = Assert.IsType<Tensor>(session.Run(
            [new NamedValue("InputA", Tensor.Create(values.Select(v => (Half)v).ToArray(), 1, 2, 2, 2))])[0].Value);

        // Every product is exact in float16 and bfloat16, so the bits are those of the float's upper half.
        Assert.Equal(TensorElementType.BFloat16, result.ElementType);
        Assert.Equal(values.Select(v => (ushort)(BitConverter.SingleToUInt32Bits(v * 3) >> 16)), result.As<ushort>());
    }

    [Fact]
    public void Signature_SeveralInputsAndOutputs_KeepsNamesWithSpacesTypesAndShapes()
    {
        using var session = TestRuntime.LoadFile(Path.Combine(Models, "onnxruntime_go__example_several_inputs_and_outputs.onnx"));

        Assert.Equal(["input 1", "input 2", "input 3"], session.Signature.Inputs.Select(i => i.Name));
        Assert.Equal([TensorElementType.Int32, TensorElementType.Float32, TensorElementType.BFloat16], session.Signature.Inputs.Select(i => i.ElementType));
        Assert.Equal(new long[] { 2, 5, 2, 5 }, session.Signature.Inputs[0].Shape);
        Assert.Equal("tensor(bfloat16)", session.Signature.Inputs[2].OnnxType);
        Assert.Equal(["output 1", "output 2"], session.Signature.Outputs.Select(o => o.Name));
        Assert.Equal([TensorElementType.Int64, TensorElementType.Float64], session.Signature.Outputs.Select(o => o.ElementType));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, session.Signature.Outputs[1].Shape);
        Assert.Equal("pytorch", session.Signature.Metadata.ProducerName);
    }

    [Fact]
    public void Run_SeveralInputsAndOutputs_ReshapesAndCasts()
    {
        using var session = TestRuntime.LoadFile(Path.Combine(Models, "onnxruntime_go__example_several_inputs_and_outputs.onnx"));
        var input1 = Enumerable.Range(0, 100).ToArray();
        var input2 = Enumerable.Range(0, 120).Select(i => i * 0.25f).ToArray();

        var results = session.Run(
        [
            new NamedValue("input 1", new Tensor(TensorElementType.Int32, [2, 5, 2, 5], input1)),
            new NamedValue("input 2", Tensor.Create(input2, 2, 3, 20)),
            new NamedValue("input 3", new Tensor(TensorElementType.BFloat16, [9], new ushort[9])),
        ]);

        // output 2 is input 2 reshaped to [1,2,3,4,5] as double; output 1 is input 1 as a 10x10 int64 matrix with
        // input 3's first element added at two positions (zero here, so unchanged).
        var output1 = Assert.IsType<Tensor>(results[0].Value);
        Assert.Equal(new long[] { 10, 10 }, output1.Shape);
        Assert.Equal(input1.Select(v => (long)v), output1.As<long>());
        var output2 = Assert.IsType<Tensor>(results[1].Value);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, output2.Shape);
        Assert.Equal(input2.Select(v => (double)v), output2.As<double>());
    }

    /// <summary>
    /// StringNormalizer needs the C locale en_US.UTF-8 (its default); onnxruntime-node fails identically on machines
    /// without it (bench/inprocess/ort-node-check.js), so there the test asserts that failure.
    /// </summary>
    [Fact]
    public void Run_Strings_LowersAndUppersUtf8()
    {
        var path = Path.Combine(Models, "onnxruntime_go__example_strings.onnx");
        if (!InstalledLocales.Has("en_US.UTF-8"))
        {
            var failure = Assert.Throws<ModelLoadException>(() => TestRuntime.LoadFile(path));
            Assert.Contains("Failed to construct locale with name:en_US.UTF-8", failure.Message, StringComparison.Ordinal);
            return;
        }

        using var session = TestRuntime.LoadFile(path);
        string[] input = ["Hello", "World", "ÄÖÜ straße", string.Empty];
        var results = session.Run([new NamedValue("input", Tensor.Create(input, input.Length))]);
        Assert.Equal(input.Select(s => s.ToLowerInvariant()), Assert.IsType<Tensor>(results[0].Value).As<string>());
        Assert.Equal(input.Select(s => s.ToUpperInvariant()), Assert.IsType<Tensor>(results[1].Value).As<string>());
    }

    private static Tensor FromJson(JsonElement element)
    {
        var dims = element.GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var data = element.GetProperty("data").EnumerateArray();
        return element.GetProperty("type").GetString() switch
        {
            "float32" => Tensor.Create(data.Select(v => v.GetSingle()).ToArray(), dims),
            "int64" => new Tensor(TensorElementType.Int64, dims, data.Select(v => v.GetInt64()).ToArray()),
            "uint32" => Tensor.Create(data.Select(v => v.GetUInt32()).ToArray(), dims),
            "string" => Tensor.Create(data.Select(v => v.GetString()!).ToArray(), dims),
            var other => throw new NotSupportedException($"reference type {other}"),
        };
    }
}
