using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Sketches;

// Usage: ModelOps.MonitoringBench [rows] [features] [referenceRows] [repeats]
// A window of `rows` x `features` (80% numeric: normal, log-normal, uniform, small integers; 20% categorical with 5 to
// 200 values) is generated column by column in chunks of 65,536 values, as a columnar capture reader would hand them
// over, fed to the window sketch (one thread per column, all cores), profiled and checked against a reference of
// `referenceRows` rows. Each repeat is timed end to end; a generate-only pass measures the data generation alone.
if (args.Length > 0 && args[0] is "capture" or "check-captured")
{
    await CapturedBench.RunAsync(args);
    return;
}

var rows = Arg(0, 1_000_000);
var features = Arg(1, 50);
var referenceRows = Arg(2, 1000);
var repeats = Arg(3, 5);
const int Chunk = 65_536;

var categoricalCount = Synthetic.CategoricalCount(features);
var schema = Synthetic.Schema(features);
var categories = Synthetic.Categories(features);
var settings = new DriftSettings();
var analyzer = new DriftAnalyzer();

// The reference: the same generators without the window's shift.
var referenceSketch = new DatasetSketch(schema, settings.Sketch);
Feed(referenceSketch, referenceRows, seedOffset: 1_000_000, shifted: false);
var reference = referenceSketch.ToProfile();

var (generateOnly, generateCpu) = Measure(() => Feed(null, rows, seedOffset: 0, shifted: true));
DriftReport? last = null;
var times = new List<double>();
var cpuTimes = new List<double>();
for (var r = 0; r < repeats + 1; r++)
{
    var (elapsed, cpu) = Measure(() =>
    {
        var window = analyzer.CreateWindow(reference, schema, settings);
        Feed(window, rows, seedOffset: 0, shifted: true);
        last = analyzer.Analyze(reference, window.ToProfile(), settings, schema);
    });
    if (r > 0)
    {
        times.Add(elapsed); // the first run warms up the JIT
        cpuTimes.Add(cpu);
    }
}

// What the window's sketches hold once the pass is over: live managed memory with them minus without them.
// Fed on this thread with fresh buffers, so neither the thread pool nor the array pool holds anything extra.
var before = GC.GetTotalMemory(forceFullCollection: true);
var held = analyzer.CreateWindow(reference, schema, settings);
Feed(held, rows, seedOffset: 0, shifted: true, parallel: false);
var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
GC.KeepAlive(held);

using var process = Process.GetCurrentProcess();
var values = (double)rows * features;
var median = Median(times);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows={rows} features={features} ({features - categoricalCount} numeric, {categoricalCount} categorical) reference={referenceRows} threads={Environment.ProcessorCount}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check wall median={median:F3}s min={times.Min():F3}s max={times.Max():F3}s over {times.Count} runs; cpu median={Median(cpuTimes):F3}s ({Median(cpuTimes) / values * 1e9:F1} ns/value); generate-only wall={generateOnly:F3}s cpu={generateCpu:F3}s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"methods: {string.Join(", ", last!.Columns.GroupBy(c => DriftMethods.Name(c.Method)).Select(g => $"{g.Key} x{g.Count()}"))}; drifted {last.DriftedColumns}/{last.Columns.Count}; approximate {last.Columns.Count(c => c.Approximate)}; dataset drift {last.DatasetDrift}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: window sketches hold {retained / 1048576.0:F2} MiB after the pass; peak working set {process.PeakWorkingSet64 / 1048576.0:F1} MiB"));

void Feed(DatasetSketch? sketch, int count, int seedOffset, bool shifted, bool parallel = true)
{
    if (parallel)
    {
        Parallel.For(0, features, column => FeedColumn(sketch, column, count, seedOffset, shifted, pooled: true));
    }
    else
    {
        for (var column = 0; column < features; column++)
        {
            FeedColumn(sketch, column, count, seedOffset, shifted, pooled: false);
        }
    }
}

void FeedColumn(DatasetSketch? sketch, int column, int count, int seedOffset, bool shifted, bool pooled)
{
    var random = new XorShift((ulong)(column + seedOffset + 1) * 0x9E3779B97F4A7C15UL);
    var numbers = pooled ? ArrayPool<double>.Shared.Rent(Chunk) : new double[Chunk];
    var texts = pooled ? ArrayPool<string>.Shared.Rent(Chunk) : new string[Chunk];
    var numeric = column < features - categoricalCount;
    var shift = Synthetic.Shift(column, shifted);
    for (var start = 0; start < count; start += Chunk)
    {
        var n = Math.Min(Chunk, count - start);
        if (numeric)
        {
            for (var i = 0; i < n; i++)
            {
                numbers[i] = Synthetic.Number(column, random, shift);
            }

            sketch?.Numeric(column).Add(numbers.AsSpan(0, n));
        }
        else
        {
            var pool = categories[column];
            for (var i = 0; i < n; i++)
            {
                texts[i] = Synthetic.Category(pool, random, shifted);
            }

            if (sketch is not null)
            {
                var target = sketch.Categorical(column);
                for (var i = 0; i < n; i++)
                {
                    target.Add(texts[i]);
                }
            }
        }
    }

    if (pooled)
    {
        ArrayPool<double>.Shared.Return(numbers);
        ArrayPool<string>.Shared.Return(texts, clearArray: true);
    }
}

// Wall time, and the process's CPU time (the cost independent of what else the machine runs).
static (double Wall, double Cpu) Measure(Action action)
{
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    action();
    process.Refresh();
    return (watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

/// <summary>xorshift64* with Box–Muller: cheap deterministic values so generation stays small next to sketching.</summary>
internal sealed class XorShift(ulong seed)
{
    private ulong _state = seed == 0 ? 1 : seed;

    public double Uniform()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return ((_state * 0x2545F4914F6CDD1DUL) >> 11) * (1.0 / (1UL << 53));
    }

    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());
}
