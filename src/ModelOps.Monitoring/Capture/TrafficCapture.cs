using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Inference;
using ModelOps.Monitoring.Settings;
using ModelOps.Telemetry;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// Traffic capture: an <see cref="IInferenceObserver"/> that samples each model's answered requests (its capture share)
/// and copies their values into the columns of a future Parquet file per model version, hour and request shape, on the
/// request's own thread while its values are still in the core's cache; nothing of the request is kept, so its
/// objects die young. A writer thread of its own, below the requests' priority, writes a file once it holds
/// <see cref="CaptureOptions.MaxRowsPerFile"/> rows or is <see cref="CaptureOptions.FlushInterval"/> old. Inference
/// never waits: rows not yet written are bounded (<see cref="CaptureOptions.BufferCapacity"/>), and a request that
/// finds no room (storage slower than traffic) is dropped and counted (<see cref="Dropped"/>, metric
/// <c>modelops.capture.dropped</c>).
/// </summary>
public sealed class TrafficCapture : BackgroundService, IInferenceObserver
{
    private static readonly Counter<long> CapturedCounter = ModelOpsTelemetry.Meter.CreateCounter<long>("modelops.capture.requests", "{request}", "Requests captured");
    private static readonly Counter<long> DroppedCounter = ModelOpsTelemetry.Meter.CreateCounter<long>("modelops.capture.dropped", "{request}", "Requests not captured because the capture buffer was full");

    // Request threads append under _gate, which guards the tables being filled, the full ones waiting for the writer,
    // and the layouts seen; it is held for one request's copy, and by the writer only to take tables out.
    private readonly Lock _gate = new();
    private readonly Dictionary<(CaptureLayout Layout, long Hour), CaptureTable> _tables = [];
    private readonly Queue<CaptureTable> _full = new();
    private readonly Dictionary<CaptureLayout, CaptureShape> _shapes = [];
    private CaptureLayout? _lastLayout;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _wakePending;
    private readonly SemaphoreSlim _loop = new(1, 1); // One writer at a time: the writer thread or a flush.
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
    }

    /// <summary>Requests taken into the buffer.</summary>
    public long Captured => Interlocked.Read(ref _captured);

    /// <summary>Requests dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows written to capture files.</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    /// <summary>Files that could not be written (their rows are lost and logged).</summary>
    public long FailedFiles => Interlocked.Read(ref _failedFiles);

    /// <summary>How often the writer looks for files old enough to write: a tenth of the flush interval, within 1 ms to 1 s.</summary>
    private TimeSpan CheckInterval => TimeSpan.FromTicks(Math.Clamp(_options.FlushInterval.Ticks / 10, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));

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

        var rows = CaptureShape.RowCount(record);
        var tags = new System.Diagnostics.TagList { { "model", record.Version.Name } };
        if (!TryReserve(rows))
        {
            Interlocked.Increment(ref _dropped);
            DroppedCounter.Add(1, tags);
            return;
        }

        var appended = Append(record, rows, out var full);
        if (appended < rows)
        {
            Interlocked.Add(ref _bufferedRows, appended - rows); // A request without per-row values leaves nothing to write.
        }

        Interlocked.Increment(ref _captured);
        CapturedCounter.Add(1, tags);
        if (full)
        {
            Wake();
        }
    }

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

    /// <summary>
    /// Copies a request's rows into the table of its layout and hour; returns the rows appended (0 when the request has
    /// no per-row values), and whether that table is now full and waits for the writer.
    /// </summary>
    private int Append(InferenceRecord record, int rows, out bool full)
    {
        full = false;
        if (rows == 0)
        {
            return 0;
        }

        var time = record.Time.ToUniversalTime();
        var hour = new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);
        lock (_gate)
        {
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

            if (shape.Columns.Length == 0)
            {
                return 0;
            }

            if (!_tables.TryGetValue((layout, hour.Ticks), out var table))
            {
                table = new CaptureTable(layout, record.Version.Name, record.Version.Version, hour, shape, time);
                _tables[(layout, hour.Ticks)] = table;
            }

            table.Append(record, rows, shape);
            if (table.RowCount >= _options.MaxRowsPerFile)
            {
                _tables.Remove((layout, hour.Ticks));
                _full.Enqueue(table);
                full = true;
            }

            return rows;
        }
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
            await WriteAllAsync(TakeDue(all: true), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loop.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        WriterThread.Start("ModelOps capture writer", _options.WriterNice, () => WriteLoop(stoppingToken));

    /// <summary>
    /// The writer's loop, on its own low-priority thread (<see cref="WriterThread"/>): woken when a table is full and
    /// every <see cref="CheckInterval"/> for tables old enough, it encodes and stores the files that are due, waiting on
    /// storage without holding a thread-pool thread. Stopping writes whatever is left.
    /// </summary>
    private void WriteLoop(CancellationToken stoppingToken)
    {
        using var timer = _time.CreateTimer(_ => Wake(), null, CheckInterval, CheckInterval);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _wake.Wait(stoppingToken);
                Volatile.Write(ref _wakePending, 0);
                WriteDue(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is buffered is written below.
        }

        WriteDue(all: true, CancellationToken.None);
    }

    private void WriteDue(bool all, CancellationToken cancellationToken)
    {
        _loop.Wait(cancellationToken);
        try
        {
            WriteAllAsync(TakeDue(all), cancellationToken).GetAwaiter().GetResult();
        }
        finally
        {
            _loop.Release();
        }
    }

    /// <summary>Writes the tables taken; cancelled part-way (stopping, or a flush whose caller gave up), the tables not written yet go back for the next write.</summary>
    private async Task WriteAllAsync(List<CaptureTable> due, CancellationToken cancellationToken)
    {
        for (var i = 0; i < due.Count; i++)
        {
            try
            {
                await WriteAsync(due[i], cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    foreach (var table in due.Skip(i))
                    {
                        _full.Enqueue(table);
                    }
                }

                throw;
            }
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

    /// <summary>Takes the tables due to be written out of the request threads' reach: full or old enough; all of them when stopping or flushing.</summary>
    private List<CaptureTable> TakeDue(bool all)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var due = new List<CaptureTable>(_full);
            _full.Clear();
            foreach (var (key, table) in _tables)
            {
                if (all || now - table.FirstTime >= _options.FlushInterval)
                {
                    due.Add(table);
                    _tables.Remove(key);
                }
            }

            return due;
        }
    }

    /// <summary>
    /// Writes one table as a file and gives its rows' room and arrays back; a failure is counted and logged (its rows are
    /// lost). A cancelled write throws with the table intact, for the caller to put back.
    /// </summary>
    private async Task WriteAsync(CaptureTable table, CancellationToken cancellationToken)
    {
        var file = new CaptureFile(
            table.Model,
            table.Version,
            table.Hour,
            string.Create(CultureInfo.InvariantCulture, $"{table.FirstTime:yyyyMMddTHHmmssfff}-{_writer}-{Interlocked.Increment(ref _sequence):D6}"));
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

        Interlocked.Add(ref _bufferedRows, -table.RowCount);
        table.Dispose();
    }
}
