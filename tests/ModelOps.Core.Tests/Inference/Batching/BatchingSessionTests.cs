using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using ModelOps.Inference.Batching;
using ModelOps.Runtime;
using ModelOps.Telemetry;
using ModelOps.Tensors;

namespace ModelOps.Core.Tests.Inference.Batching;

/// <summary>The batching decorator over the real ONNX Runtime: when requests go together, and that they get what they would alone.</summary>
public sealed class BatchingSessionTests
{
    [Fact]
    public async Task RunAsync_ModelIdle_RunsAtOnceOnTheCallersThread()
    {
        using var inner = new GatedSession(BatchingModels.Mlp());
        using var session = BatchingModels.Batching(inner, BatchingModels.On());
        var request = BatchingModels.Rows("x", 2, 20, seed: 1);

        var answer = session.RunAsync(request);

        Assert.True(answer.IsCompletedSuccessfully, "An idle model must answer without a hop or a timer.");
        Assert.Equal([2L], inner.Runs);
        BatchingModels.AssertSame(inner.Run(request), await answer);
    }

    [Fact]
    public async Task RunAsync_RequestsArriveDuringARun_GoTogetherWhenItEnds()
    {
        using var reference = BatchingModels.Mlp();
        using var inner = new GatedSession(BatchingModels.Mlp());
        using var session = BatchingModels.Batching(inner, BatchingModels.On());
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 1, 20, seed: 0)).AsTask());
        await inner.WaitForRunAsync();

        var requests = new[] { 1, 3, 7, 2 }.Select((rows, i) => BatchingModels.Rows("x", rows, 20, seed: 10 + i)).ToArray();
        var answers = requests.Select(r => session.RunAsync(r).AsTask()).ToArray();
        Assert.Equal((true, 4), session.State);
        inner.Open();
        await first;
        var results = await Task.WhenAll(answers);

        Assert.Equal([1L, 13L], inner.Runs);
        for (var i = 0; i < requests.Length; i++)
        {
            BatchingModels.AssertSame(reference.Run(requests[i]), results[i]);
        }

        Assert.Equal((false, 0), session.State);
    }

    [Fact]
    public async Task RunAsync_AloneAndBatchedRuns_RecordRowsPerRunInTheBatchedRowsHistogram()
    {
        var model = "rows-" + Guid.NewGuid().ToString("N");
        var recorded = new System.Collections.Concurrent.ConcurrentQueue<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ModelOpsTelemetry.Name && instrument.Name == "modelops.inference.batched_rows")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "model" && Equals(tag.Value, model))
                {
                    recorded.Enqueue(value);
                }
            }
        });
        listener.Start();
        using var inner = new GatedSession(BatchingModels.Mlp());
        using var session = BatchingModels.Batching(inner, BatchingModels.On(), model: model);
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 2, 20, seed: 0)).AsTask());
        await inner.WaitForRunAsync();
        var answers = new[] { 1, 3 }.Select((rows, i) => session.RunAsync(BatchingModels.Rows("x", rows, 20, seed: 60 + i)).AsTask()).ToArray();
        inner.Open();
        await first;
        await Task.WhenAll(answers);

        Assert.Equal([2L, 4L], recorded);
    }

    [Fact]
    public async Task RunAsync_MoreRowsQueuedThanABatchTakes_SplitsIntoBatchesAndRunsLargeRequestsAlone()
    {
        using var reference = BatchingModels.Mlp();
        using var inner = new GatedSession(BatchingModels.Mlp());
        using var session = BatchingModels.Batching(inner, BatchingModels.On(maxBatchSize: 8));
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 1, 20, seed: 0)).AsTask());
        await inner.WaitForRunAsync();

        var requests = new[] { 5, 2, 4, 1 }.Select((rows, i) => BatchingModels.Rows("x", rows, 20, seed: 20 + i)).ToArray();
        var answers = requests.Select(r => session.RunAsync(r).AsTask()).ToList();
        var large = BatchingModels.Rows("x", 8, 20, seed: 30);
        var largeAnswer = Task.Run(() => session.RunAsync(large).AsTask());
        await inner.WaitForRunAsync(); // The large request runs beside the held run, never queued.
        inner.Open();
        await first;
        var results = await Task.WhenAll(answers);

        // 5+2 fit under 8, then the 4 does not and the 1 does (order kept among those that fit): [5,2,1], then [4].
        Assert.Equal([1L, 8L, 8L, 4L], inner.Runs);
        for (var i = 0; i < requests.Length; i++)
        {
            BatchingModels.AssertSame(reference.Run(requests[i]), results[i]);
        }

        BatchingModels.AssertSame(reference.Run(large), await largeAnswer);
    }

    [Fact]
    public async Task RunAsync_SequenceOutputs_SplitByRowsAndEqualUnbatched()
    {
        using var reference = BatchingModels.IrisForest();
        using var inner = new GatedSession(BatchingModels.IrisForest());
        using var session = BatchingModels.Batching(inner, BatchingModels.On());
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("X", 1, 4, seed: 0)).AsTask());
        await inner.WaitForRunAsync();
        var requests = new[] { 2, 1, 5 }.Select((rows, i) => BatchingModels.Rows("X", rows, 4, seed: 40 + i)).ToArray();
        var answers = requests.Select(r => session.RunAsync(r).AsTask()).ToArray();
        inner.Open();
        await first;
        var results = await Task.WhenAll(answers);

        Assert.Equal([1L, 8L], inner.Runs);
        for (var i = 0; i < requests.Length; i++)
        {
            BatchingModels.AssertSame(reference.Run(requests[i]), results[i]);
        }
    }

    [Fact]
    public async Task RunAsync_OneRequestOfABatchIsRefused_OnlyThatRequestFails()
    {
        using var reference = BatchingModels.Mlp();
        using var inner = new GatedSession(BatchingModels.Mlp()) { Poison = 999f };
        using var session = BatchingModels.Batching(inner, BatchingModels.On());
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 1, 20, seed: 0)).AsTask());
        await inner.WaitForRunAsync();
        var good = BatchingModels.Rows("x", 2, 20, seed: 50);
        var bad = BatchingModels.Rows("x", 1, 20, seed: 51);
        ((float[])((Tensor)bad[0].Value).Data)[3] = 999f;
        var goodAnswer = session.RunAsync(good).AsTask();
        var badAnswer = session.RunAsync(bad).AsTask();
        inner.Open();
        await first;

        BatchingModels.AssertSame(reference.Run(good), await goodAnswer);
        await Assert.ThrowsAsync<ModelRunException>(() => badAnswer);
        Assert.Equal([1L, 3L, 2L, 1L], inner.Runs); // the batch of 3 failed, then each ran alone
    }

    [Fact]
    public async Task RunAsync_QueuedRequestCancelled_LeavesTheQueueAndOthersAreAnswered()
    {
        using var reference = BatchingModels.Mlp();
        using var inner = new GatedSession(BatchingModels.Mlp());
        using var session = BatchingModels.Batching(inner, BatchingModels.On());
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 1, 20, seed: 0)).AsTask());
        await inner.WaitForRunAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = session.RunAsync(BatchingModels.Rows("x", 4, 20, seed: 60), cancellationToken: cancel.Token).AsTask();
        var kept = BatchingModels.Rows("x", 2, 20, seed: 61);
        var keptAnswer = session.RunAsync(kept).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        inner.Open();
        await first;

        BatchingModels.AssertSame(reference.Run(kept), await keptAnswer);
        Assert.Equal([1L, 2L], inner.Runs);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileItsBatchRuns_ReturnsAtOnceAndTheOthersAreAnswered()
    {
        using var reference = BatchingModels.Mlp();
        using var inner = new GatedSession(BatchingModels.Mlp());
        using var session = BatchingModels.Batching(inner, BatchingModels.On());
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 1, 20, seed: 0)).AsTask());
        await inner.WaitForRunAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = session.RunAsync(BatchingModels.Rows("x", 4, 20, seed: 70), cancellationToken: cancel.Token).AsTask();
        var kept = BatchingModels.Rows("x", 2, 20, seed: 71);
        var keptAnswer = session.RunAsync(kept).AsTask();
        inner.Allow(1);
        await first;
        await inner.WaitForRunAsync(); // the batch of 4+2, held

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        inner.Open();

        BatchingModels.AssertSame(reference.Run(kept), await keptAnswer);
        Assert.Equal([1L, 6L], inner.Runs);
    }

    [Fact]
    public async Task RunAsync_OutputsWithoutARowPerInputRow_StopBatchingAndAnswerEachAsAlone()
    {
        using var reference = BatchingModels.ColumnSums();
        using var inner = new GatedSession(BatchingModels.ColumnSums());
        using var session = BatchingModels.Batching(inner, BatchingModels.On());
        inner.Close();
        var first = Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 1, 4, seed: 0)).AsTask());
        await inner.WaitForRunAsync();
        var requests = new[] { 2, 3 }.Select((rows, i) => BatchingModels.Rows("x", rows, 4, seed: 80 + i)).ToArray();
        var answers = requests.Select(r => session.RunAsync(r).AsTask()).ToArray();
        inner.Open();
        await first;
        var results = await Task.WhenAll(answers);

        for (var i = 0; i < requests.Length; i++)
        {
            BatchingModels.AssertSame(reference.Run(requests[i]), results[i]);
        }

        Assert.Equal([1L, 5L, 2L, 3L], inner.Runs);
        var after = await session.RunAsync(requests[0]);
        BatchingModels.AssertSame(reference.Run(requests[0]), after);
    }

    [Fact]
    public async Task RunAsync_MaxDelay_WaitsForTheBatchToFillOrTheDelayToPass()
    {
        using var reference = BatchingModels.Mlp();
        using var inner = new GatedSession(BatchingModels.Mlp());
        var time = new FakeTimeProvider();
        using var session = BatchingModels.Batching(inner, BatchingModels.On(maxBatchSize: 6, maxDelayMicroseconds: 2000), time);
        var a = BatchingModels.Rows("x", 1, 20, seed: 90);
        var b = BatchingModels.Rows("x", 2, 20, seed: 91);
        var answerA = session.RunAsync(a).AsTask();
        var answerB = session.RunAsync(b).AsTask();
        time.Advance(TimeSpan.FromMicroseconds(1000));
        Assert.False(answerA.IsCompleted);
        Assert.Empty(inner.Runs);

        time.Advance(TimeSpan.FromMicroseconds(1000));
        BatchingModels.AssertSame(reference.Run(a), await answerA);
        BatchingModels.AssertSame(reference.Run(b), await answerB);
        Assert.Equal([3L], inner.Runs);

        // A full batch does not wait for the delay.
        var full = new[] { 3, 3 }.Select((rows, i) => BatchingModels.Rows("x", rows, 20, seed: 92 + i)).ToArray();
        var fullAnswers = full.Select(r => session.RunAsync(r).AsTask()).ToArray();
        await Task.WhenAll(fullAnswers);
        Assert.Equal([3L, 6L], inner.Runs);
    }

    [Fact]
    public async Task RunAsync_BatchingOff_EveryRequestRunsAlone()
    {
        using var inner = new GatedSession(BatchingModels.Mlp());
        using var session = BatchingModels.Batching(inner, BatchingModels.On() with { Enabled = false });
        inner.Close();
        var answers = Enumerable.Range(0, 3).Select(i => Task.Run(() => session.RunAsync(BatchingModels.Rows("x", 1, 20, seed: i)).AsTask())).ToArray();
        for (var i = 0; i < 3; i++)
        {
            await inner.WaitForRunAsync();
        }

        inner.Open();
        await Task.WhenAll(answers);
        Assert.Equal([1L, 1L, 1L], inner.Runs);
    }

    [Fact]
    public async Task RunAsync_ManyConcurrentCallers_EachGetsWhatItWouldAlone()
    {
        using var reference = BatchingModels.Mlp();
        using var session = BatchingModels.Batching(BatchingModels.Mlp(), BatchingModels.On(maxBatchSize: 32));
        var requests = Enumerable.Range(0, 200).Select(i => BatchingModels.Rows("x", 1 + (i % 9), 20, seed: 1000 + i)).ToArray();

        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => session.RunAsync(r).AsTask())));

        for (var i = 0; i < requests.Length; i++)
        {
            BatchingModels.AssertSame(reference.Run(requests[i]), results[i]);
        }
    }

    [Fact]
    public void Check_FixedFirstDimensionOrMapOutputs_IsNotBatchable()
    {
        var fixedInput = new ModelSignature([ValueSpec.ForTensor("x", TensorElementType.Float32, 1, 20)], [ValueSpec.ForTensor("y", TensorElementType.Float32, -1, 3)], ModelMetadata.Empty);
        var fixedOutput = new ModelSignature([ValueSpec.ForTensor("x", TensorElementType.Float32, -1, 20)], [ValueSpec.ForTensor("y", TensorElementType.Float32, 1, 3)], ModelMetadata.Empty);
        var scalar = new ModelSignature([ValueSpec.ForTensor("x", TensorElementType.Float32)], [ValueSpec.ForTensor("y", TensorElementType.Float32, -1)], ModelMetadata.Empty);
        using var mlp = BatchingModels.Mlp();
        using var forest = BatchingModels.IrisForest();

        Assert.Contains("'x'", BatchPlan.Check(fixedInput));
        Assert.Contains("'y'", BatchPlan.Check(fixedOutput));
        Assert.NotNull(BatchPlan.Check(scalar));
        Assert.Null(BatchPlan.Check(mlp.Signature));
        Assert.Null(BatchPlan.Check(forest.Signature));
    }
}
