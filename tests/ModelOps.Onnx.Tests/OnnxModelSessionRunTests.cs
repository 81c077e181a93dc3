using System.Diagnostics;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests;

public sealed class OnnxModelSessionRunTests
{
    private static IModelSession LoadAddMul() => TestRuntime.LoadFile(TestPaths.Model("add_mul.onnx"));

    [Fact]
    public void Run_TwoInputsNoOutputNames_ReturnsEveryOutputInSignatureOrder()
    {
        using var session = LoadAddMul();

        var results = session.Run(
        [
            new NamedValue("b", Tensor.Create(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f }, 2, 4)),
            new NamedValue("a", Tensor.Create(new[] { 10f, 20f, 30f, 40f, 50f, 60f, 70f, 80f }, 2, 4)),
        ]);

        Assert.Equal(["sum", "product"], results.Select(r => r.Name));
        Assert.Equal([11f, 22f, 33f, 44f, 55f, 66f, 77f, 88f], Assert.IsType<Tensor>(results[0].Value).As<float>());
        Assert.Equal([10f, 40f, 90f, 160f, 250f, 360f, 490f, 640f], Assert.IsType<Tensor>(results[1].Value).As<float>());
        Assert.Equal(new long[] { 2, 4 }, Assert.IsType<Tensor>(results[1].Value).Shape);
    }

    [Fact]
    public void Run_OutputSubset_ReturnsOnlyThoseInRequestedOrder()
    {
        using var session = LoadAddMul();

        var results = session.Run(OnnxModelRuntimeTests.AddMulInputs(3f, 4f), ["product"]);

        var only = Assert.Single(results);
        Assert.Equal("product", only.Name);
        Assert.Equal([12f, 12f, 12f, 12f], Assert.IsType<Tensor>(only.Value).As<float>());
    }

    [Fact]
    public void Run_UnknownOutput_IsInvalidInput()
    {
        using var session = LoadAddMul();

        var exception = Assert.Throws<ModelRunException>(() => session.Run(OnnxModelRuntimeTests.AddMulInputs(1f, 1f), ["nope"]));

        Assert.True(exception.IsInvalidInput);
        Assert.Contains("nope", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownInput_IsInvalidInput()
    {
        using var session = LoadAddMul();

        var exception = Assert.Throws<ModelRunException>(() =>
            session.Run([new NamedValue("c", Tensor.Create(new float[4], 1, 4))]));

        Assert.True(exception.IsInvalidInput);
        Assert.Contains("'c'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingInput_IsInvalidInputFromOrt()
    {
        using var session = LoadAddMul();

        var exception = Assert.Throws<ModelRunException>(() => session.Run([OnnxModelRuntimeTests.AddMulInputs(1f, 1f)[0]]));

        Assert.True(exception.IsInvalidInput, exception.Message);
        Assert.Contains("Missing model input(s): b", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DuplicateInput_IsInvalidInput()
    {
        using var session = LoadAddMul();
        var a = OnnxModelRuntimeTests.AddMulInputs(1f, 1f)[0];

        var exception = Assert.Throws<ModelRunException>(() => session.Run([a, a]));

        Assert.True(exception.IsInvalidInput);
        Assert.Contains("more than once", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongElementType_IsInvalidInputFromOrt()
    {
        using var session = LoadAddMul();

        var exception = Assert.Throws<ModelRunException>(() => session.Run(
        [
            new NamedValue("a", Tensor.Create(new double[4], 1, 4)),
            new NamedValue("b", Tensor.Create(new float[4], 1, 4)),
        ]));

        Assert.True(exception.IsInvalidInput);
        Assert.Contains("type", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(new long[] { 1, 5 })]
    [InlineData(new long[] { 4 })]
    [InlineData(new long[] { 1, 2, 2 })]
    public void Run_WrongShape_IsInvalidInputFromOrt(long[] shape)
    {
        using var session = LoadAddMul();
        var count = (int)Tensor.ElementCount(shape);

        var exception = Assert.Throws<ModelRunException>(() => session.Run(
        [
            new NamedValue("a", Tensor.Create(new float[count], shape)),
            new NamedValue("b", Tensor.Create(new float[count], shape)),
        ]));

        Assert.True(exception.IsInvalidInput, exception.Message);
    }

    [Fact]
    public void Run_NonTensorInput_IsInvalidInput()
    {
        using var session = LoadAddMul();

        var exception = Assert.Throws<ModelRunException>(() => session.Run(
        [
            new NamedValue("a", new SequenceValue([Tensor.Create(new float[4], 1, 4)])),
            new NamedValue("b", Tensor.Create(new float[4], 1, 4)),
        ]));

        Assert.True(exception.IsInvalidInput);
    }

    [Fact]
    public async Task Run_ManyThreadsOneSession_EachGetsItsOwnResult()
    {
        using var session = LoadAddMul();
        var failures = 0;

        var tasks = Enumerable.Range(0, 16).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var rows = 1 + ((worker + i) % 5);
                var a = Enumerable.Range(0, rows * 4).Select(k => (float)(worker * 1000) + i + k).ToArray();
                var b = Enumerable.Range(0, rows * 4).Select(k => (float)k).ToArray();
                var results = session.Run([new NamedValue("a", Tensor.Create(a, rows, 4)), new NamedValue("b", Tensor.Create(b, rows, 4))]);
                var sum = ((Tensor)results[0].Value).As<float>();
                var product = ((Tensor)results[1].Value).As<float>();
                for (var k = 0; k < a.Length; k++)
                {
                    if (sum[k] != a[k] + b[k] || product[k] != a[k] * b[k])
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        }));
        await Task.WhenAll(tasks);

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Run_PreCancelledToken_ThrowsWithoutRunning()
    {
        using var session = LoadAddMul();

        Assert.Throws<OperationCanceledException>(() => session.Run(OnnxModelRuntimeTests.AddMulInputs(1f, 1f), cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Run_CancelledWhileRunning_TerminatesTheRun()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("slow_matmul.onnx"), new ModelLoadOptions { IntraOpThreads = 1 });
        var x = Tensor.Create(new float[1024 * 1024], 1024, 1024);
        using var cts = new CancellationTokenSource();

        // 40 MatMuls of 1024x1024 on one thread take several seconds; the run must stop soon after cancellation.
        var stopwatch = Stopwatch.StartNew();
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));
        Assert.Throws<OperationCanceledException>(() => session.Run([new NamedValue("x", x)], cancellationToken: cts.Token));
        stopwatch.Stop();

        // The session stays usable for the next caller.
        var small = Tensor.Create(new float[] { 1, 0, 0, 1 }, 2, 2);
        Assert.Equal([1f, 0f, 0f, 1f], Assert.IsType<Tensor>(session.Run([new NamedValue("x", small)], cancellationToken: CancellationToken.None)[0].Value).As<float>());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.5), $"cancelled run took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Run_CancellableTokenNotCancelled_RunsNormally()
    {
        using var session = LoadAddMul();
        using var cts = new CancellationTokenSource();

        var results = session.Run(OnnxModelRuntimeTests.AddMulInputs(2f, 3f), cancellationToken: cts.Token);

        Assert.Equal([5f, 5f, 5f, 5f], Assert.IsType<Tensor>(results[0].Value).As<float>());
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndRunAfterwardsThrowsObjectDisposed()
    {
        var session = LoadAddMul();
        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(OnnxModelRuntimeTests.AddMulInputs(1f, 1f)));
    }

    [Fact]
    public async Task Dispose_WhileRunsInFlight_RunsFinishOrSeeDisposed()
    {
        var session = LoadAddMul();
        using var started = new CountdownEvent(8);
        var completed = 0;
        var disposedSeen = 0;

        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            started.Signal();
            for (var i = 0; i < 2000; i++)
            {
                try
                {
                    var results = session.Run(OnnxModelRuntimeTests.AddMulInputs(i, 1f));
                    Assert.Equal(i + 1f, ((Tensor)results[0].Value).As<float>()[0]);
                    Interlocked.Increment(ref completed);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref disposedSeen);
                    return;
                }
            }
        })).ToList();
        started.Wait();
        session.Dispose();
        await Task.WhenAll(tasks);

        Assert.True(completed + disposedSeen > 0);
        Assert.Throws<ObjectDisposedException>(() => session.Run(OnnxModelRuntimeTests.AddMulInputs(1f, 1f)));
    }
}
