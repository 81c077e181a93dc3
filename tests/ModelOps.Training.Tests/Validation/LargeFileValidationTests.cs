using System.Diagnostics;
using System.Globalization;
using ModelOps.Training.Validation;
using Xunit.Abstractions;

namespace ModelOps.Training.Tests.Validation;

[Collection(LargeFileCollection.Name)]
public sealed class LargeFileValidationTests(ITestOutputHelper output)
{
    private const long TargetBytes = 200L * 1024 * 1024;
    private const long MaxGrowthBytes = 150L * 1024 * 1024;

    [Fact]
    public void ProfileAndValidate_200MegabyteFile_StreamsWithBoundedMemory()
    {
        var rows = 0;
        var generation = Stopwatch.StartNew();
        using var csv = TempCsv.Write(writer =>
        {
            var random = new Random(42);
            writer.Write("id,x1,x2,x3,amount,segment,user,label\n");
            var written = 0L;
            var line = new char[256];
            while (written < TargetBytes)
            {
                // Integers only: formatting doubles would dominate the test's time.
                var x1 = random.Next(1_000_000);
                var text = string.Create(CultureInfo.InvariantCulture,
                    $"{rows},0.{x1:D6},{random.Next(-10, 10)}.{random.Next(1_000_000):D6},{random.Next(1000)},{random.Next(100_000_000)}.{random.Next(100):D2},seg{random.Next(20):D2},user{random.Next(5_000_000)},{(x1 > 700_000 ? 1 : 0)}\n");
                writer.Write(text);
                written += text.Length;
                rows++;
            }
        });
        Assert.InRange(new FileInfo(csv.Path).Length, TargetBytes, TargetBytes + 1024);

        output.WriteLine($"Wrote {rows} rows in {generation.Elapsed.TotalSeconds:F1} s.");

        using var memory = PeakMemory.Start();
        var stopwatch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var profile = DataValidator.Profile(csv.Path, new ProfileOptions { Label = "label", Task = ModelTask.Binary });
        output.WriteLine($"Profile (two passes): {stopwatch.Elapsed.TotalSeconds:F1} s.");
        var report = DataValidator.Validate(csv.Path, profile.Schema!);
        stopwatch.Stop();
        var growth = memory.Growth();
        output.WriteLine($"Profile + validate: {stopwatch.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU; peak working set growth {growth / (1024 * 1024)} MiB.");

        Assert.Empty(profile.Report.Anomalies);
        Assert.Equal(rows, profile.Schema!.RowCount);
        Assert.Empty(report.Anomalies);
        Assert.Equal(rows, report.RowCount);
        Assert.Null(profile.Schema.Find("user")!.Domain);
        Assert.Equal(20, profile.Schema.Find("segment")!.Domain!.Count);
        Assert.Equal(0.5, profile.Baseline!.Find("x1")!.Numeric!.Sketch.Quantile(0.5), 0.02);
        Assert.True(growth < MaxGrowthBytes, $"Peak working set grew by {growth / (1024 * 1024)} MiB validating a {TargetBytes / (1024 * 1024)} MiB file ({stopwatch.Elapsed.TotalSeconds:F1} s).");
    }

    /// <summary>
    /// The growth of the process's peak resident memory over a stretch of code. On Linux the kernel's high-water mark
    /// (VmHWM) is reset through <c>/proc/self/clear_refs</c> so the peak is this stretch's own; a sampler every 20 ms
    /// backs it up where that reset is not allowed.
    /// </summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private readonly long _baseline;
        private readonly bool _resetPeak;
        private readonly Timer _sampler;
        private long _sampledPeak;

        private PeakMemory()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _resetPeak = TryResetPeak();
            _process.Refresh();
            _baseline = _process.WorkingSet64;
            _sampledPeak = _baseline;
            _sampler = new Timer(_ => Sample(), null, 0, 20);
        }

        public static PeakMemory Start() => new();

        public long Growth()
        {
            Sample();
            _process.Refresh();
            var peak = Math.Max(Interlocked.Read(ref _sampledPeak), _resetPeak ? _process.PeakWorkingSet64 : 0);
            return peak - _baseline;
        }

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            var current = process.WorkingSet64;
            long seen;
            while (current > (seen = Interlocked.Read(ref _sampledPeak)) && Interlocked.CompareExchange(ref _sampledPeak, current, seen) != seen)
            {
            }
        }

        private static bool TryResetPeak()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                return true;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            _sampler.Dispose();
            _process.Dispose();
        }
    }
}
