using System.Diagnostics;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Settings;
using ModelOps.Testing;

namespace ModelOps.Monitoring.Tests.Capture;

[Collection(AzuriteCollection.Name)]
public sealed class TrafficCaptureTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 59, 59, TimeSpan.Zero);

    [Fact]
    public async Task Flush_RequestsAcrossAnHour_OneFilePerVersionAndHourWithEveryRow()
    {
        var services = new MonitoringTestServices(azurite);
        using var capture = services.Capture();

        capture.OnInferred(CaptureRecords.Rows("a", T0, [1f, 2f], ["red", "blue"]));
        capture.OnInferred(CaptureRecords.Rows("b", T0.AddSeconds(2), [3f], ["red"]));
        capture.OnInferred(CaptureRecords.Rows("c", T0, [4f], ["red"], CaptureRecords.Version(version: 2)));
        await capture.FlushAsync();

        var eight = await services.Captures.ListAsync("m", 1, T0.AddMinutes(-59).AddSeconds(-59)).ToListAsync();
        var nine = await services.Captures.ListAsync("m", 1, T0.AddSeconds(1)).ToListAsync();
        Assert.Single(eight);
        Assert.Single(nine);
        Assert.Single(await services.Captures.ListAsync("m", 2, T0.AddMinutes(-59).AddSeconds(-59)).ToListAsync());
        Assert.Equal((3, 4L, 0L), (capture.Captured, capture.RowsWritten, capture.Dropped));
    }

    [Fact]
    public async Task OnInferred_ShareZero_CapturesNothing()
    {
        var services = new MonitoringTestServices(azurite);
        await services.Settings.PutAsync("m", new MonitoringSettings { CaptureShare = 0 }, null);
        using var capture = services.Capture();

        for (var i = 0; i < 20; i++)
        {
            capture.OnInferred(CaptureRecords.Rows($"r{i}", T0, [1f], ["red"]));
        }

        Assert.Equal(0, capture.Captured);
    }

    [Fact]
    public async Task OnInferred_StorageStuck_DropsAndCountsWithoutWaiting()
    {
        var (capture, stuck) = await StartStuckAsync(bufferCapacity: 8);
        using var _ = capture;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            capture.OnInferred(CaptureRecords.Rows($"r{i}", T0, [1f], ["red"]));
        }

        clock.Stop();
        Assert.Equal(1001, capture.Captured + capture.Dropped);
        Assert.True(capture.Dropped >= 1000 - 8, $"dropped {capture.Dropped}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"1000 captures took {clock.Elapsed}");
        stuck.Release.SetResult();
        await capture.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OnInferred_StorageStuck_BoundsTheBufferByRowsNotRequests()
    {
        var (capture, stuck) = await StartStuckAsync(bufferCapacity: 100);
        using var _ = capture;
        var run = Enumerable.Range(0, 64).ToArray();
        capture.OnInferred(CaptureRecords.Rows("run1", T0, [.. run.Select(i => (float)i)], [.. run.Select(_ => "red")]));
        capture.OnInferred(CaptureRecords.Rows("run2", T0, [.. run.Select(i => (float)i)], [.. run.Select(_ => "red")]));
        Assert.Equal(2, capture.Captured);
        Assert.Equal(1, capture.Dropped);

        for (var i = 0; i < 50; i++)
        {
            capture.OnInferred(CaptureRecords.Rows($"r{i}", T0, [1f], ["red"]));
        }

        // The stuck file's row counts until it is written: 1 + 64 + 35 = 100.
        Assert.Equal(2 + 35, capture.Captured);
        stuck.Release.SetResult();
        await capture.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Write_Running_EncodesOnItsOwnThreadBelowTheRequestsPriority()
    {
        var services = new MonitoringTestServices(azurite, configure: o => o.Capture.MaxRowsPerFile = 1);
        var observed = new ObservingCaptureStore();
        using var capture = services.Capture(observed);
        await capture.StartAsync(CancellationToken.None);

        capture.OnInferred(CaptureRecords.Rows("first", T0, [1f], ["red"]));
        var (thread, nice) = await observed.Written.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await capture.StopAsync(CancellationToken.None);

        Assert.Equal("ModelOps capture writer", thread);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(ThreadNice() + services.Options.Value.Capture.WriterNice, nice);
        }
    }

    [Fact]
    public async Task OnInferred_TableFull_WriterWritesItWithoutWaitingForTheFlushInterval()
    {
        var services = new MonitoringTestServices(azurite, configure: o =>
        {
            o.Capture.FlushInterval = TimeSpan.FromHours(1);
            o.Capture.MaxRowsPerFile = 4;
        });
        var observed = new ObservingCaptureStore();
        using var capture = services.Capture(observed);
        await capture.StartAsync(CancellationToken.None);

        for (var i = 0; i < 4; i++)
        {
            capture.OnInferred(CaptureRecords.Rows($"r{i}", T0, [1f], ["red"]));
        }

        await observed.Written.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await capture.StopAsync(CancellationToken.None);
        Assert.Equal(4, capture.RowsWritten);
    }

    [Fact]
    public async Task Flush_CancelledWhileStorageWaits_NothingLostAndTheNextFlushWritesIt()
    {
        var services = new MonitoringTestServices(azurite, configure: o => o.Capture.MaxRowsPerFile = 1);
        var stuck = new StuckCaptureStore();
        using var capture = services.Capture(stuck);
        for (var i = 0; i < 3; i++)
        {
            capture.OnInferred(CaptureRecords.Rows($"r{i}", T0, [1f], ["red"]));
        }

        using var cancel = new CancellationTokenSource();
        var flush = capture.FlushAsync(cancel.Token);
        await stuck.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush);

        stuck.Release.SetResult();
        await capture.FlushAsync();
        Assert.Equal((3L, 0L, 3L), (capture.RowsWritten, capture.FailedFiles, capture.Captured));
    }

    [Fact]
    public async Task OnInferred_Captured_KeepsNothingOfTheRequest()
    {
        // The values are copied on the request's thread, so the request's objects are garbage as soon as it is answered
        // (a busy host would otherwise carry every captured request into older generations).
        var services = new MonitoringTestServices(azurite);
        using var capture = services.Capture();

        var request = CaptureOnce(capture);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(1, capture.Captured);
        Assert.False(request.IsAlive);
        await capture.FlushAsync();
        Assert.Equal(2, capture.RowsWritten);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference CaptureOnce(TrafficCapture capture)
    {
        var record = CaptureRecords.Rows("kept?", T0, [1f, 2f], ["red", "blue"]);
        capture.OnInferred(record);
        return new WeakReference(record);
    }

    /// <summary>The calling thread's nice value (field 19 of /proc/thread-self/stat, after the command in parentheses).</summary>
    private static int ThreadNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A store that notes which thread the first write came from, and that thread's nice value.</summary>
    private sealed class ObservingCaptureStore : ICaptureStore
    {
        public TaskCompletionSource<(string? Thread, int Nice)> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WriteAsync(CaptureFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            Written.TrySetResult((Thread.CurrentThread.Name, OperatingSystem.IsLinux() ? ThreadNice() : 0));
            return Task.CompletedTask;
        }

        public IAsyncEnumerable<CaptureFile> ListAsync(string model, int version, DateTimeOffset hour, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<CaptureFile>();

        public Task<byte[]?> ReadAsync(CaptureFile file, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
    }

    /// <summary>A store whose writes wait until released: storage slower than the traffic.</summary>
    private sealed class StuckCaptureStore : ICaptureStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WriteAsync(CaptureFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }

        public IAsyncEnumerable<CaptureFile> ListAsync(string model, int version, DateTimeOffset hour, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<CaptureFile>();

        public Task<byte[]?> ReadAsync(CaptureFile file, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
    }

    /// <summary>A running capture whose writer is stuck in its first write (of one row), so nothing leaves the buffer.</summary>
    private async Task<(TrafficCapture Capture, StuckCaptureStore Stuck)> StartStuckAsync(int bufferCapacity)
    {
        var services = new MonitoringTestServices(azurite, configure: o =>
        {
            o.Capture.BufferCapacity = bufferCapacity;
            o.Capture.MaxRowsPerFile = 1;
        });
        var stuck = new StuckCaptureStore();
        var capture = services.Capture(stuck);
        await capture.StartAsync(CancellationToken.None);
        capture.OnInferred(CaptureRecords.Rows("first", T0, [1f], ["red"]));
        await stuck.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (capture, stuck);
    }
}
