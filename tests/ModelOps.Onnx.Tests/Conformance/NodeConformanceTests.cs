using System.Text.Json;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests.Conformance;

/// <summary>
/// ONNX backend node tests (onnx v1.19.1, shared/data/onnx-node-tests): each model with its test_data_set_N inputs,
/// outputs compared with ONNX's backend tolerance. One xunit case per (test, data set).
/// </summary>
public sealed class NodeConformanceTests
{
    private static readonly string Root = Path.Combine(TestPaths.SharedData, "onnx-node-tests");

    /// <summary>
    /// Cases ONNX Runtime itself fails, with the error it gives: ORT 1.32 through its .NET API here, and 1.30 through
    /// onnxruntime-node alike (bench/inprocess/ort-node-check.js). They assert that exact failure, so a fix in ORT shows
    /// up as a test failure here.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> ExpectedFailures = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // ORT's CPU provider registers TopK for float, double, int32 and int64 only.
        ["test_top_k_uint64"] = "Could not find an implementation for TopK(24) node with name ''",
    };

    /// <summary>
    /// Cases ONNX Runtime fails only on machines without a given C locale: StringNormalizer builds a std::locale for its
    /// default "en_US.UTF-8" when the session starts. Where the locale is installed these run and compare outputs like any other.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> FailuresWithoutEnUsLocale = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["test_strnormalizer_export_monday_casesensintive_upper"] = "Failed to construct locale with name:en_US.UTF-8",
        ["test_strnormalizer_export_monday_empty_output"] = "Failed to construct locale with name:en_US.UTF-8",
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "MANIFEST.json")));
        foreach (var test in manifest.RootElement.EnumerateObject())
        {
            foreach (var set in test.Value.GetProperty("data_sets").EnumerateObject())
            {
                data.Add(test.Name, set.Name);
            }
        }

        return data;
    }

    [Fact]
    public void Manifest_ListsAllSixtyFourTests()
    {
        var tests = Cases().Select(c => (string)c[0]).Distinct().Count();
        Assert.Equal(64, tests);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_NodeTest_MatchesExpectedOutputs(string test, string dataSet)
    {
        var directory = Path.Combine(Root, test);
        var setDirectory = Path.Combine(directory, dataSet);
        var inputs = Directory.GetFiles(setDirectory, "input_*.pb").Order(StringComparer.Ordinal).Select(TensorProtoReader.ReadFile).ToList();
        var outputs = Directory.GetFiles(setDirectory, "output_*.pb").Order(StringComparer.Ordinal).Select(TensorProtoReader.ReadFile).ToList();

        if (ExpectedFailures.TryGetValue(test, out var expectedError))
        {
            var failure = Record.Exception(() => RunCase(directory, inputs, outputs));
            Assert.NotNull(failure);
            Assert.Contains(expectedError, failure.Message, StringComparison.Ordinal);
            return;
        }

        if (FailuresWithoutEnUsLocale.TryGetValue(test, out var localeError) && !InstalledLocales.Has("en_US.UTF-8"))
        {
            var failure = Assert.Throws<ModelLoadException>(() => RunCase(directory, inputs, outputs));
            Assert.Contains(localeError, failure.Message, StringComparison.Ordinal);
            return;
        }

        RunCase(directory, inputs, outputs);
    }

    private static void RunCase(string directory, List<(string Name, Tensor Tensor)> inputs, List<(string Name, Tensor Tensor)> outputs)
    {
        using var session = TestRuntime.LoadFile(Path.Combine(directory, "model.onnx"));
        var named = inputs.Select((input, k) => new NamedValue(NameOr(input.Name, session.Signature.Inputs, k), input.Tensor)).ToList();
        var outputNames = outputs.Select((output, k) => NameOr(output.Name, session.Signature.Outputs, k)).ToList();

        var results = session.Run(named, outputNames);

        Assert.Equal(outputs.Count, results.Count);
        for (var k = 0; k < outputs.Count; k++)
        {
            Assert.Equal(outputNames[k], results[k].Name);
            TensorAssert.Close(outputs[k].Tensor, results[k].Value, outputNames[k]);
        }
    }

    private static string NameOr(string name, IReadOnlyList<ValueSpec> specs, int index) =>
        string.IsNullOrEmpty(name) ? specs[index].Name : name;
}
