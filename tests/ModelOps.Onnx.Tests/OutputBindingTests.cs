using Microsoft.ML.OnnxRuntime;
using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests;

/// <summary>
/// Runs through pre-bound output buffers (output shapes known from the signature) and through ORT-allocated outputs
/// give what ORT's own <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/> gives.
/// </summary>
public sealed class OutputBindingTests
{
    [Fact]
    public void PreBinds_SymbolicBatchOutputs_AreBoundAndMatchOrtsOwnRun()
    {
        using var session = (OnnxModelSession)TestRuntime.LoadFile(TestPaths.Model("add_mul.onnx"));
        Assert.True(session.PreBinds(null));

        foreach (var rows in new[] { 1, 3, 64, 3, 0, 1 })
        {
            var a = Data(rows * 4, 1);
            var b = Data(rows * 4, 2);
            var inputs = new[] { new NamedValue("a", Tensor.Create(a, rows, 4)), new NamedValue("b", Tensor.Create(b, rows, 4)) };

            var results = session.Run(inputs);

            var expected = RunWithOrt("add_mul.onnx", inputs, ["sum", "product"]);
            AssertSame(expected, results);
            Assert.Equal(new long[] { rows, 4 }, ((Tensor)results[0].Value).Shape);
        }
    }

    [Fact]
    public void PreBinds_OutputSubsetsInTurn_EachMatchesOrtsOwnRun()
    {
        using var session = (OnnxModelSession)TestRuntime.LoadFile(TestPaths.Model("add_mul.onnx"));
        var inputs = new[] { new NamedValue("a", Tensor.Create(Data(8, 3), 2, 4)), new NamedValue("b", Tensor.Create(Data(8, 4), 2, 4)) };

        foreach (var outputs in new[] { new[] { "product" }, ["sum"], ["product", "sum"], ["sum", "product"], ["product"] })
        {
            var results = session.Run(inputs, outputs);

            Assert.Equal(outputs, results.Select(r => r.Name));
            AssertSame(RunWithOrt("add_mul.onnx", inputs, outputs), results);
        }
    }

    [Fact]
    public void Run_DataDependentOutput_GoesThroughOrtAllocationAndKnownOnesPreBind()
    {
        using var session = (OnnxModelSession)TestRuntime.LoadFile(TestPaths.Model("prebind_mixed.onnx"));
        Assert.True(session.PreBinds(["same", "shape"]));
        Assert.False(session.PreBinds(null));
        Assert.False(session.PreBinds(["nonzero"]));
        float[] x = [0, 1, 0, 2, 3, 0, 0, 4];
        var inputs = new[] { new NamedValue("x", Tensor.Create(x, 2, 4)) };

        var known = session.Run(inputs, ["same", "shape"]);
        var all = session.Run(inputs);

        AssertSame(RunWithOrt("prebind_mixed.onnx", inputs, ["same", "shape"]), known);
        AssertSame(RunWithOrt("prebind_mixed.onnx", inputs, ["same", "shape", "nonzero"]), all);
        Assert.Equal(new long[] { 2, 4 }, ((Tensor)all[2].Value).Shape);
        Assert.Equal([0L, 0L, 1L, 1L, 1L, 3L, 0L, 3L], ((Tensor)all[2].Value).As<long>());
    }

    [Fact]
    public void Run_UndeclaredRankOutputs_AreNotPreBound()
    {
        using var session = (OnnxModelSession)TestRuntime.LoadFile(TestTensors.IdentityModel(TensorElementType.Float32));

        Assert.False(session.PreBinds(null));
    }

    [Fact]
    public void Run_OutputShapeDifferentFromSignature_StopsPreBindingAndStillAnswers()
    {
        using var session = (OnnxModelSession)TestRuntime.LoadFile(TestPaths.Model("lying_shape.onnx"));
        Assert.True(session.PreBinds(null));
        var x = Data(8, 5);
        NamedValue[] Inputs(params long[] shape) =>
            [new NamedValue("x", Tensor.Create(x, 2, 4)), new NamedValue("s", Tensor.Create(shape, 2))];

        var declared = Assert.IsType<Tensor>(session.Run(Inputs(2, 4))[0].Value);
        var reshaped = Assert.IsType<Tensor>(session.Run(Inputs(4, 2))[0].Value);
        var again = Assert.IsType<Tensor>(session.Run(Inputs(2, 4))[0].Value);

        Assert.False(session.PreBinds(null));
        Assert.Equal(new long[] { 2, 4 }, declared.Shape);
        Assert.Equal(new long[] { 4, 2 }, reshaped.Shape);
        Assert.Equal(new long[] { 2, 4 }, again.Shape);
        Assert.All([declared, reshaped, again], t => Assert.Equal(x, t.As<float>()));
    }

    [Fact]
    public void Run_PreBound_OutputArraysBelongToTheCaller()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("add_mul.onnx"));

        var first = (Tensor)session.Run(OnnxModelRuntimeTests.AddMulInputs(1f, 2f))[0].Value;
        var second = (Tensor)session.Run(OnnxModelRuntimeTests.AddMulInputs(10f, 20f))[0].Value;

        Assert.NotSame(first.Data, second.Data);
        Assert.Equal([3f, 3f, 3f, 3f], first.As<float>());
        Assert.Equal([30f, 30f, 30f, 30f], second.As<float>());
    }

    [Fact]
    public void Run_RequestArrays_AreReadInPlaceAndLeftUnchanged()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("add_mul.onnx"));
        var a = Data(4, 7);
        var copy = (float[])a.Clone();

        session.Run([new NamedValue("a", Tensor.Create(a, 1, 4)), new NamedValue("b", Tensor.Create(a, 1, 4))]);

        Assert.Equal(copy, a);
    }

    [Fact]
    public async Task Run_ManyThreadsVaryingBatchAndOutputs_EachGetsItsOwnResult()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("prebind_mixed.onnx"));
        var failures = 0;

        var tasks = Enumerable.Range(0, 12).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var rows = 1 + ((worker * 7 + i) % 9);
                var x = Enumerable.Range(0, rows * 4).Select(k => (float)((worker + i + k) % 3)).ToArray();
                var all = i % 3 == 0;
                var results = session.Run([new NamedValue("x", Tensor.Create(x, rows, 4))], all ? null : ["same", "shape"]);
                var same = ((Tensor)results[0].Value).As<float>();
                var shape = ((Tensor)results[1].Value).As<long>();
                var ok = same.SequenceEqual(x) && shape.SequenceEqual([rows, 4L]);
                if (all)
                {
                    ok &= ((Tensor)results[2].Value).Shape[1] == x.Count(v => v != 0);
                }

                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        await Task.WhenAll(tasks);

        Assert.Equal(0, failures);
    }

    private static float[] Data(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => (((i * 7919) + (seed * 104729)) % 1000 / 100f) - 5f).ToArray();

    /// <summary>The same run through ORT's own API, outputs allocated by ORT.</summary>
    private static List<Tensor> RunWithOrt(string model, NamedValue[] inputs, string[] outputs)
    {
        using var session = new InferenceSession(File.ReadAllBytes(TestPaths.Model(model)));
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(((Tensor)i.Value).As<float>(), ((Tensor)i.Value).Shape)).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, outputs);
            return results.Select(r =>
            {
                var info = r.GetTensorTypeAndShape();
                Array data = info.ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64
                    ? r.GetTensorDataAsSpan<long>().ToArray()
                    : r.GetTensorDataAsSpan<float>().ToArray();
                return new Tensor(TensorElementTypes.TryFromArray(data, out var type) ? type.Value : default, info.Shape, data);
            }).ToList();
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private static void AssertSame(List<Tensor> expected, IReadOnlyList<NamedValue> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var tensor = Assert.IsType<Tensor>(actual[i].Value);
            Assert.Equal(expected[i].ElementType, tensor.ElementType);
            Assert.Equal(expected[i].Shape, tensor.Shape);
            TestTensors.AssertSameElements(expected[i].Data, tensor.Data);
        }
    }
}
