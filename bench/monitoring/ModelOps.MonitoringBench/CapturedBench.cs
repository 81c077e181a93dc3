using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelOps.Inference;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Checks;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Settings;
using ModelOps.Monitoring.Sketches;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Tensors;

/// <summary>
/// The check over captured Parquet (issue 12, items 3 and 9): <c>capture DIR ROWS FEATURES</c> writes ROWS captured rows
/// of the synthetic features through the real capture writer (requests of 1000 rows, files of 50,000 rows) into DIR;
/// <c>check-captured DIR ROWS FEATURES REFERENCE REPEATS</c> reads them back through the check's own reader
/// (<see cref="CapturedWindow"/>: only the sketch's columns, column groups in parallel) into the window sketches and
/// runs the analyzer, timed end to end.
/// </summary>
internal static class CapturedBench
{
    private const int RequestRows = 1000;
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string[] args)
    {
        var directory = args[1];
        var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
        var features = int.Parse(args[3], CultureInfo.InvariantCulture);
        var store = new DirectoryCaptureStore(directory);
        if (args[0] == "capture")
        {
            await WriteAsync(store, rows, features);
        }
        else
        {
            await CheckAsync(store, rows, features, int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture));
        }
    }

    private static async Task WriteAsync(DirectoryCaptureStore store, int rows, int features)
    {
        var options = Options.Create(new MonitoringOptions { Capture = new CaptureOptions { BufferCapacity = 100 * RequestRows, MaxRowsPerFile = 50_000, FlushInterval = TimeSpan.FromHours(1) } });
        var settings = new MonitoringSettingsService(new NoSettings(), TimeProvider.System, options);
        using var capture = new TrafficCapture(store, settings, options, TimeProvider.System, NullLogger<TrafficCapture>.Instance);
        var version = Version(features);
        var categories = Synthetic.Categories(features);
        var randoms = Enumerable.Range(0, features).Select(c => new XorShift((ulong)(c + 1) * 0x9E3779B97F4A7C15UL)).ToArray();
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < rows; start += RequestRows)
        {
            var n = Math.Min(RequestRows, rows - start);
            var inputs = new NamedValue[features];
            for (var c = 0; c < features; c++)
            {
                if (Synthetic.IsNumeric(c, features))
                {
                    var values = new float[n];
                    var shift = Synthetic.Shift(c, shifted: true);
                    for (var i = 0; i < n; i++)
                    {
                        values[i] = (float)Synthetic.Number(c, randoms[c], shift);
                    }

                    inputs[c] = new NamedValue(Synthetic.Name(c, features), Tensor.Create(values, n, 1));
                }
                else
                {
                    var texts = new string[n];
                    for (var i = 0; i < n; i++)
                    {
                        texts[i] = Synthetic.Category(categories[c], randoms[c], shifted: true);
                    }

                    inputs[c] = new NamedValue(Synthetic.Name(c, features), new Tensor(TensorElementType.String, [n, 1], texts));
                }
            }

            capture.OnInferred(new InferenceRecord(version, $"r{start}", T0.AddMilliseconds(start / RequestRows), inputs, [], TimeSpan.Zero));
            if ((start / RequestRows) % 50 == 49)
            {
                await capture.FlushAsync();
            }
        }

        await capture.FlushAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"captured {capture.RowsWritten} rows x {features} features in {watch.Elapsed.TotalSeconds:F2}s; {store.Files} files, {store.Bytes / 1048576.0:F1} MiB of Parquet; dropped {capture.Dropped}"));
    }

    private static async Task CheckAsync(DirectoryCaptureStore store, int rows, int features, int referenceRows, int repeats)
    {
        var schema = Synthetic.Schema(features);
        var categories = Synthetic.Categories(features);
        var settings = new DriftSettings();
        var analyzer = new DriftAnalyzer();
        var referenceSketch = new DatasetSketch(schema, settings.Sketch);
        Parallel.For(0, features, c =>
        {
            var random = new XorShift((ulong)(c + 1_000_001) * 0x9E3779B97F4A7C15UL);
            for (var i = 0; i < referenceRows; i++)
            {
                if (Synthetic.IsNumeric(c, features))
                {
                    referenceSketch.Numeric(c).Add((float)Synthetic.Number(c, random, 0));
                }
                else
                {
                    referenceSketch.Categorical(c).Add(Synthetic.Category(categories[c], random, shifted: false));
                }
            }
        });
        var reference = referenceSketch.ToProfile();
        var predictions = PredictionColumns.Of(Version(features));
        var window = new ReportWindow(T0, T0.AddHours(1));
        var labels = new Dictionary<string, FeedbackLabel>();
        var times = new List<double>();
        var cpu = new List<double>();
        DriftReport? report = null;
        long seen = 0;
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeats + 1; r++)
        {
            process.Refresh();
            var startCpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var sketch = analyzer.CreateWindow(reference, schema, settings);
            (seen, _) = await CapturedWindow.ReadAsync(store, "bench", 1, window, sketch, predictions, labels, CancellationToken.None);
            report = analyzer.Analyze(reference, sketch.ToProfile(), settings, schema);
            process.Refresh();
            if (r > 0)
            {
                times.Add(watch.Elapsed.TotalSeconds);
                cpu.Add((process.TotalProcessorTime - startCpu).TotalSeconds);
            }
        }

        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows={seen} (expected {rows}) features={features} reference={referenceRows} threads={Environment.ProcessorCount}; {store.Files} files, {store.Bytes / 1048576.0:F1} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check from Parquet: wall median={Median(times):F3}s min={times.Min():F3}s max={times.Max():F3}s over {times.Count} runs; cpu median={Median(cpu):F3}s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"methods: {string.Join(", ", report!.Columns.GroupBy(c => DriftMethods.Name(c.Method)).Select(g => $"{g.Key} x{g.Count()}"))}; drifted {report.DriftedColumns}/{report.Columns.Count}; dataset drift {report.DatasetDrift}; peak working set {process.PeakWorkingSet64 / 1048576.0:F1} MiB"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static ModelVersion Version(int features) => new()
    {
        Name = "bench",
        Version = 1,
        Sha256 = "00",
        Size = 1,
        Inputs = Enumerable.Range(0, features).Select(c => ValueSpec.ForTensor(Synthetic.Name(c, features), Synthetic.IsNumeric(c, features) ? TensorElementType.Float32 : TensorElementType.String, -1, 1)).ToArray(),
        Outputs = [],
        CreatedAt = T0,
    };

    /// <summary>Capture files in a local directory, laid out as the blob store lays them out.</summary>
    private sealed class DirectoryCaptureStore(string root) : ICaptureStore
    {
        public int Files => Directory.Exists(root) ? Directory.GetFiles(root, "*.parquet", SearchOption.AllDirectories).Length : 0;

        public long Bytes => Directory.Exists(root) ? Directory.GetFiles(root, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

        public async Task WriteAsync(CaptureFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            var path = PathOf(file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, content, cancellationToken);
        }

        public async IAsyncEnumerable<CaptureFile> ListAsync(string model, int version, DateTimeOffset hour, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var directory = Path.GetDirectoryName(PathOf(new CaptureFile(model, version, hour, "x")))!;
            if (!Directory.Exists(directory))
            {
                yield break;
            }

            foreach (var path in Directory.GetFiles(directory, "*.parquet").Order(StringComparer.Ordinal))
            {
                await Task.Yield();
                yield return new CaptureFile(model, version, hour, Path.GetFileNameWithoutExtension(path));
            }
        }

        public async Task<byte[]?> ReadAsync(CaptureFile file, CancellationToken cancellationToken = default) =>
            File.Exists(PathOf(file)) ? await File.ReadAllBytesAsync(PathOf(file), cancellationToken) : null;

        private string PathOf(CaptureFile file) =>
            Path.Combine(root, file.Model, file.Version.ToString(CultureInfo.InvariantCulture), file.Hour.UtcDateTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture), file.Part + ".parquet");
    }

    private sealed class NoSettings : IMonitoringSettingsStore
    {
        public Task<StoredMonitoringSettings?> GetAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult<StoredMonitoringSettings?>(null);

        public Task<StoredMonitoringSettings> PutAsync(string model, MonitoringSettings settings, string? ifMatch, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
