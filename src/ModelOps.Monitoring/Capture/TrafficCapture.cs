using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Inference;
using ModelOps.Monitoring.Settings;
using ModelOps.Telemetry;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// Traffic capture: an <see cref="IInferenceObserver"/> that samples each model's answered requests (its capture share)
/// into a bounded buffer, and a background loop that turns them into rows and writes a Parquet file per model version,
/// hour and request shape once it holds <see cref="CaptureOptions.MaxRowsPerFile"/> rows or is
/// <see cref="CaptureOptions.FlushInterval"/> old. Inference never waits: a full buffer (storage slower than traffic)
/// drops the request and counts it (<see cref="Dropped"/>, metric <c>modelops.capture.dropped</c>).
/// </summary>
public sealed class TrafficCapture : BackgroundService, IInferenceObserver
{
    private static readonly Counter<long> CapturedCounter = ModelOpsTelemetry.Meter.CreateCounter<long>("modelops.capture.requests", "{request}", "Requests captured");
    private static readonly Counter<long> DroppedCounter = ModelOpsTelemetry.Meter.CreateCounter<long>("modelops.capture.dropped", "{request}", "Requests not captured because the capture buffer was full");
    private readonly Channel<InferenceRecord> _buffer;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _wakePending;
    private int _sinceWake;
    private readonly Dictionary<(CaptureLayout Layout, long Hour), CaptureTable> _tables = [];
    private readonly Dictionary<CaptureLayout, CaptureShape> _shapes = [];
    private CaptureLayout? _lastLayout;
    private readonly SemaphoreSlim _loop = new(1, 1);
    private readonly MemoryStream _file = new(); // One file's bytes at a time (under _loop), reused rather than a new large array per file.
    private readonly ICaptureStore _store;
    private readonly MonitoringSettingsService _settings;
    private readonly CaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TrafficCapture> _logger;
    private readonly string _writer = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
    private long _sequence;
    private long _captured;
    private long _dropped;
    private long _bufferedRows;
    private long _rowsWritten;
    private long _failedFiles;

    public TrafficCapture(
        ICaptureStore store,
        MonitoringSettingsService settings,
        IOptions<MonitoringOptions> options,
        TimeProvider time,
        ILogger<TrafficCapture> logger)
    {
        _store = store;
        _settings = settings;
        _options = options.Value.Capture;
        _time = time;
        _logger = logger;
        // Bounded by rows in OnInferred (every request counts at least one), so the channel itself needs no bound.
        _buffer = Channel.CreateUnbounded<InferenceRecord>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>Requests taken into the buffer.</summary>
    public long Captured => Interlocked.Read(ref _captured);

    /// <summary>Requests dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows written to capture files.</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    /// <summary>Files that could not be written (their rows are lost and logged).</summary>
    public long FailedFiles => Interlocked.Read(ref _failedFiles);

    public void OnInferred(InferenceRecord record)
    {
        if (!_options.Enabled || record is null)
        {
            return;
        }

        var share = _settings.CaptureShare(record.Version.Name);
        if (share <= 0 || (share < 1 && Random.Shared.NextDouble() >= share))
        {
            return;
        }

        var tags = new System.Diagnostics.TagList { { "model", record.Version.Name } };
        if (TryReserve(BufferedRows(CaptureShape.RowCount(record))) && _buffer.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _captured);
            CapturedCounter.Add(1, tags);
            if (Interlocked.Increment(ref _sinceWake) >= _options.DrainBatch)
            {
                Wake();
            }
        }
        else
        {
            Interlocked.Increment(ref _dropped);
            DroppedCounter.Add(1, tags);
        }
    }

    /// <summary>What a request counts against the buffer: its rows, and at least one (an empty batch is still a record).</summary>
    private static int BufferedRows(int rows) => Math.Max(1, rows);

    /// <summary>Takes room for <paramref name="rows"/> in the buffer; a request larger than the whole buffer fits an empty one.</summary>
    private bool TryReserve(int rows)
    {
        var buffered = Interlocked.Add(ref _bufferedRows, rows);
        if (buffered <= _options.BufferCapacity || buffered == rows)
        {
            return true;
        }

        Interlocked.Add(ref _bufferedRows, -rows);
        return false;
    }

    public void OnFailed(string model, int? version, Exception error, TimeSpan elapsed)
    {
        // Failed requests have no predictions to monitor.
    }

    /// <summary>Writes everything buffered so far (an on-demand check calls it so it sees this host's latest traffic).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Drain();
            foreach (var table in Due(all: true))
            {
                await WriteAsync(table, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _loop.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        WriterThread.Start("ModelOps capture writer", _options.WriterNice, () => WriteLoop(stoppingToken));

    /// <summary>
    /// The writer's loop, on its own low-priority thread (<see cref="WriterThread"/>). It takes what is buffered once
    /// <see cref="CaptureOptions.DrainBatch"/> requests are waiting or every <see cref="CaptureOptions.DrainInterval"/>,
    /// whichever comes first, rather than once per request (a few hundred wake-ups a second at most instead of one per
    /// request) and soon enough that a request's objects are still young when the writer lets go of them: held any
    /// longer, a busy host's garbage collector would copy every captured request into its older generations. Files that
    /// are due are encoded here too, waiting on storage without holding a thread-pool thread.
    /// </summary>
    private void WriteLoop(CancellationToken stoppingToken)
    {
        using var timer = _time.CreateTimer(_ => Wake(), null, _options.DrainInterval, _options.DrainInterval);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _wake.Wait(stoppingToken);
                Volatile.Write(ref _sinceWake, 0);
                Volatile.Write(ref _wakePending, 0);
                _loop.Wait(stoppingToken);
                try
                {
                    Drain();
                    foreach (var table in Due(all: false))
                    {
                        WriteAsync(table, stoppingToken).GetAwaiter().GetResult();
                    }
                }
                finally
                {
                    _loop.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is buffered is written below.
        }

        _loop.Wait(CancellationToken.None);
        try
        {
            Drain();
            foreach (var table in Due(all: true))
            {
                WriteAsync(table, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        finally
        {
            _loop.Release();
        }
    }

    public override void Dispose()
    {
        _loop.Dispose();
        _wake.Dispose();
        _file.Dispose();
        base.Dispose();
    }

    /// <summary>Wakes the writer, once: a request or the timer that finds it already woken does nothing more.</summary>
    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }
    }

    private void Drain()
    {
        while (_buffer.Reader.TryRead(out var record))
        {
            var rows = CaptureShape.RowCount(record);
            Interlocked.Add(ref _bufferedRows, -BufferedRows(rows));
            var layout = _lastLayout is { } last && last.Matches(record, rows) ? last : new CaptureLayout(record, rows);
            _lastLayout = layout;
            if (!_shapes.TryGetValue(layout, out var shape))
            {
                if (_shapes.Count >= 1000)
                {
                    _shapes.Clear(); // Versions come and go; their layouts are cheap to build again.
                }

                shape = CaptureShape.Of(record, rows);
                _shapes[layout] = shape;
            }

            if (shape.Columns.Length == 0 || rows == 0)
            {
                continue;
            }

            var time = record.Time.ToUniversalTime();
            var hour = new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);
            if (!_tables.TryGetValue((layout, hour.Ticks), out var table))
            {
                table = new CaptureTable(layout, record.Version.Name, record.Version.Version, hour, shape, time);
                _tables[(layout, hour.Ticks)] = table;
            }

            table.Append(record, rows, shape);
        }
    }

    /// <summary>The tables due to be written: full or old enough; all of them when stopping or flushing.</summary>
    private List<CaptureTable> Due(bool all)
    {
        var now = _time.GetUtcNow();
        return [.. _tables.Values.Where(table => all || table.RowCount >= _options.MaxRowsPerFile || now - table.FirstTime >= _options.FlushInterval)];
    }

    /// <summary>Writes one table as a file (a failure is counted and logged: its rows are lost) and gives its arrays back.</summary>
    private async Task WriteAsync(CaptureTable table, CancellationToken cancellationToken)
    {
        _tables.Remove((table.Layout, table.Hour.Ticks));
        var file = new CaptureFile(
            table.Model,
            table.Version,
            table.Hour,
            string.Create(CultureInfo.InvariantCulture, $"{table.FirstTime:yyyyMMddTHHmmssfff}-{_writer}-{Interlocked.Increment(ref _sequence):D6}"));
        using (table)
        {
            try
            {
                await CaptureParquet.WriteAsync(table, _file, cancellationToken).ConfigureAwait(false);
                await _store.WriteAsync(file, _file.GetBuffer().AsMemory(0, (int)_file.Length), cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _rowsWritten, table.RowCount);
                Log.CaptureWritten(_logger, table.Model, table.Version, table.RowCount, file.Part);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedFiles);
                Log.CaptureFailed(_logger, table.Model, table.Version, table.RowCount, exception);
            }
        }
    }
}
