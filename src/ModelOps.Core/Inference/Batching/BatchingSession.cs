using Microsoft.Extensions.Logging;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Telemetry;
using ModelOps.Tensors;

namespace ModelOps.Inference.Batching;

/// <summary>
/// Server-side batching around a session: concurrent requests for one model version are concatenated along their first
/// dimension into one run and its outputs split back by rows. Nothing waits on a timer unless the model asks for it: a
/// request that finds no run in flight and nobody queued runs at once on its own thread; requests arriving while a run
/// is in flight queue, and when it ends the queued ones go as one batch (up to <see cref="EffectiveBatching.MaxBatchSize"/>
/// rows, requests of equal trailing shapes and wanted outputs together). With <see cref="EffectiveBatching.MaxDelayMicroseconds"/>
/// above 0 every request queues, and a batch waits at most that long after its oldest request for more rows.
/// </summary>
/// <remarks>
/// Batches run on a thread of the session's own (started when requests first queue, parked while none do), so runs do
/// not hold thread-pool threads the requests they wait for need. A batched run that fails is run again request by
/// request, so one bad request fails alone. Outputs that do not have one row per input row cannot be split: those
/// requests are run one by one and batching stops for the session. A request cancelled while queued leaves the queue;
/// one cancelled during its batch's run gets its cancellation at once and its rows are discarded. <see cref="Run"/>
/// (warm-up, and callers that hold a thread anyway) is never batched.
/// </remarks>
internal sealed class BatchingSession : IModelSession
{
    private readonly IModelSession _inner;
    private readonly ModelVersion _version;
    private readonly Func<CancellationToken, ValueTask<EffectiveBatching>> _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<Pending> _queue = [];
    private readonly SemaphoreSlim _wake = new(0);
    private Thread? _dispatcher;
    private bool _running;
    private int _queuedRows;
    private TaskCompletionSource? _filled;
    private volatile bool _stopped;
    private volatile bool _disposed;

    public BatchingSession(
        IModelSession inner,
        ModelVersion version,
        Func<CancellationToken, ValueTask<EffectiveBatching>> settings,
        TimeProvider time,
        ILogger logger)
    {
        _inner = inner;
        _version = version;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    public ModelSignature Signature => _inner.Signature;

    public long ApproximateSizeBytes => _inner.ApproximateSizeBytes;

    /// <summary>Whether a run is in flight, and the requests queued now (for tests and diagnostics).</summary>
    internal (bool Running, int Queued) State
    {
        get
        {
            lock (_lock)
            {
                return (_running, _queue.Count);
            }
        }
    }

    public IReadOnlyList<NamedValue> Run(IReadOnlyList<NamedValue> inputs, IReadOnlyList<string>? outputNames = null, CancellationToken cancellationToken = default) =>
        _inner.Run(inputs, outputNames, cancellationToken);

    public ValueTask<IReadOnlyList<NamedValue>> RunAsync(IReadOnlyList<NamedValue> inputs, IReadOnlyList<string>? outputNames = null, CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            return _inner.RunAsync(inputs, outputNames, cancellationToken);
        }

        var settings = _settings(cancellationToken);
        return settings.IsCompletedSuccessfully
            ? Submit(settings.Result, inputs, outputNames, cancellationToken)
            : SubmitWhenReadAsync(settings, inputs, outputNames, cancellationToken);
    }

    public void Dispose()
    {
        _disposed = true;
        _wake.Release();
        _inner.Dispose();
    }

    private async ValueTask<IReadOnlyList<NamedValue>> SubmitWhenReadAsync(
        ValueTask<EffectiveBatching> settings,
        IReadOnlyList<NamedValue> inputs,
        IReadOnlyList<string>? outputNames,
        CancellationToken cancellationToken) =>
        await Submit(await settings.ConfigureAwait(false), inputs, outputNames, cancellationToken).ConfigureAwait(false);

    private ValueTask<IReadOnlyList<NamedValue>> Submit(
        EffectiveBatching settings,
        IReadOnlyList<NamedValue> inputs,
        IReadOnlyList<string>? outputNames,
        CancellationToken cancellationToken)
    {
        if (!settings.Enabled || !BatchPlan.TryOrder(Signature, inputs, out var ordered, out var rows) || rows >= settings.MaxBatchSize)
        {
            return _inner.RunAsync(inputs, outputNames, cancellationToken);
        }

        Pending? pending = null;
        var dispatch = false;
        lock (_lock)
        {
            if (!_running && _queue.Count == 0 && settings.MaxDelayMicroseconds == 0)
            {
                _running = true;
            }
            else
            {
                pending = new Pending(inputs, ordered, rows, outputNames, cancellationToken, _time.GetTimestamp());
                _queue.Add(pending);
                _queuedRows += rows;
                dispatch = !_running;
                _running = true;
                if (_queuedRows >= settings.MaxBatchSize)
                {
                    _filled?.TrySetResult();
                }
            }
        }

        if (pending is null)
        {
            // Idle: run at once on the caller's thread, then hand what queued meanwhile to the dispatcher.
            try
            {
                var outputs = _inner.Run(inputs, outputNames, cancellationToken);
                RecordRun(rows);
                return ValueTask.FromResult(outputs);
            }
            finally
            {
                Finished();
            }
        }

        if (dispatch)
        {
            WakeDispatcher();
        }

        return new ValueTask<IReadOnlyList<NamedValue>>(pending.Completion.Task.WaitAsync(cancellationToken));
    }

    /// <summary>A run on a caller's thread ended: the dispatcher takes over when requests queued meanwhile.</summary>
    private void Finished()
    {
        lock (_lock)
        {
            if (_queue.Count == 0)
            {
                _running = false;
                return;
            }
        }

        WakeDispatcher();
    }

    private void WakeDispatcher()
    {
        if (_dispatcher is null)
        {
            lock (_lock)
            {
                if (_dispatcher is null)
                {
                    _dispatcher = new Thread(Dispatch)
                    {
                        IsBackground = true,
                        Name = $"modelops-batching {_version.Name}/{_version.Version}",
                    };
                    _dispatcher.Start();
                }
            }
        }

        _wake.Release();
    }

    /// <summary>The dispatcher thread: parked until woken, then runs batches until the queue is empty.</summary>
    private void Dispatch()
    {
        while (true)
        {
            _wake.Wait();
            if (_disposed)
            {
                return;
            }

            try
            {
                while (true)
                {
                    var settings = _settings(CancellationToken.None);
                    var current = settings.IsCompletedSuccessfully ? settings.Result : settings.AsTask().GetAwaiter().GetResult();
                    if (current.MaxDelayMicroseconds > 0)
                    {
                        WaitToFill(current);
                    }

                    List<Pending>? batch;
                    lock (_lock)
                    {
                        batch = Take(current.MaxBatchSize);
                        if (batch is null)
                        {
                            _running = false;
                            break;
                        }
                    }

                    Execute(batch);
                }
            }
            catch (Exception exception)
            {
                // Execute answers every request it takes; this is a broken invariant. Fail what waits rather than leave it hanging.
                Log.BatchDispatchFailed(_logger, _version.Name, _version.Version, exception);
                lock (_lock)
                {
                    _running = false;
                    foreach (var pending in _queue)
                    {
                        pending.Completion.TrySetException(exception);
                    }

                    _queue.Clear();
                    _queuedRows = 0;
                }
            }
        }
    }

    /// <summary>Waits until the queued rows fill a batch or the oldest queued request has waited the maximum delay.</summary>
    private void WaitToFill(EffectiveBatching settings)
    {
        while (true)
        {
            TaskCompletionSource filled;
            TimeSpan wait;
            lock (_lock)
            {
                if (_queue.Count == 0 || _queuedRows >= settings.MaxBatchSize)
                {
                    return;
                }

                wait = settings.MaxDelay - _time.GetElapsedTime(_queue[0].EnqueuedAt);
                if (wait <= TimeSpan.Zero)
                {
                    return;
                }

                filled = _filled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            using (var timeout = new CancellationTokenSource())
            {
                var delay = Task.Delay(wait, _time, timeout.Token);
                Task.WaitAny(filled.Task, delay);
                timeout.Cancel();
            }

            lock (_lock)
            {
                if (_filled == filled)
                {
                    _filled = null;
                }
            }
        }
    }

    /// <summary>
    /// Takes the next batch under the lock: the oldest live request and, in order, the queued ones that fit with it
    /// (same trailing shapes, element types and wanted outputs) within <paramref name="maxRows"/>. Cancelled requests
    /// are dropped on the way. Null when nothing is queued.
    /// </summary>
    private List<Pending>? Take(int maxRows)
    {
        List<Pending>? batch = null;
        var rows = 0;
        var i = 0;
        while (i < _queue.Count)
        {
            var pending = _queue[i];
            var take = false;
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Completion.TrySetCanceled(pending.CancellationToken);
            }
            else if (batch is null)
            {
                take = true;
            }
            else if (rows + pending.Rows <= maxRows && pending.FitsWith(batch[0]))
            {
                take = true;
            }
            else
            {
                i++;
                continue;
            }

            _queue.RemoveAt(i);
            _queuedRows -= pending.Rows;
            if (take)
            {
                (batch ??= []).Add(pending);
                rows += pending.Rows;
            }
        }

        return batch;
    }

    /// <summary>Runs one batch and answers each of its requests.</summary>
    private void Execute(List<Pending> batch)
    {
        if (batch.Count == 1)
        {
            RunAlone(batch[0]);
            return;
        }

        var rows = 0;
        foreach (var pending in batch)
        {
            rows += pending.Rows;
        }

        IReadOnlyList<NamedValue> outputs;
        try
        {
            outputs = _inner.Run(Concatenate(batch, rows), batch[0].OutputNames, CancellationToken.None);
            RecordRun(rows);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.BatchFailed(_logger, _version.Name, _version.Version, batch.Count, exception);
            batch.ForEach(RunAlone);
            return;
        }

        var parts = Split(outputs, batch, rows, out var unsplit);
        if (parts is null)
        {
            _stopped = true;
            Log.BatchingStopped(_logger, _version.Name, _version.Version, unsplit!);
            batch.ForEach(RunAlone);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(parts[i]);
        }
    }

    private void RunAlone(Pending pending)
    {
        try
        {
            pending.Completion.TrySetResult(_inner.Run(pending.Inputs, pending.OutputNames, pending.CancellationToken));
            RecordRun(pending.Rows);
        }
        catch (OperationCanceledException) when (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Completion.TrySetCanceled(pending.CancellationToken);
        }
        catch (Exception exception)
        {
            pending.Completion.TrySetException(exception);
        }
    }

    private void RecordRun(int rows) => ModelOpsTelemetry.BatchedRows.Record(rows, ModelOpsTelemetry.ModelTags(_version.Name, _version.Version));

    private NamedValue[] Concatenate(List<Pending> batch, int rows)
    {
        var specs = Signature.Inputs;
        var inputs = new NamedValue[specs.Count];
        for (var slot = 0; slot < inputs.Length; slot++)
        {
            var first = batch[0].Ordered[slot];
            var width = first.Length / (int)first.Shape[0];
            var data = Array.CreateInstance(first.ElementType.ClrType(), checked(rows * width));
            var offset = 0;
            foreach (var pending in batch)
            {
                var part = pending.Ordered[slot];
                Array.Copy(part.Data, 0, data, offset, part.Length);
                offset += part.Length;
            }

            var shape = (long[])first.Shape.Clone();
            shape[0] = rows;
            inputs[slot] = new NamedValue(specs[slot].Name, new Tensor(first.ElementType, shape, data));
        }

        return inputs;
    }

    /// <summary>Each request's rows of every output; null (naming the output) when one does not have a row per input row.</summary>
    private static IReadOnlyList<NamedValue>[]? Split(IReadOnlyList<NamedValue> outputs, List<Pending> batch, int rows, out string? unsplit)
    {
        unsplit = null;
        var parts = new NamedValue[batch.Count][];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = new NamedValue[outputs.Count];
        }

        for (var k = 0; k < outputs.Count; k++)
        {
            var (name, value) = outputs[k];
            var offset = 0;
            switch (value)
            {
                case Tensor { Shape.Length: > 0 } tensor when tensor.Shape[0] == rows:
                    var width = tensor.Length / rows;
                    for (var i = 0; i < parts.Length; i++)
                    {
                        var count = batch[i].Rows * width;
                        var data = Array.CreateInstance(tensor.ElementType.ClrType(), count);
                        Array.Copy(tensor.Data, offset, data, 0, count);
                        offset += count;
                        var shape = (long[])tensor.Shape.Clone();
                        shape[0] = batch[i].Rows;
                        parts[i][k] = new NamedValue(name, new Tensor(tensor.ElementType, shape, data));
                    }

                    break;
                case SequenceValue sequence when sequence.Items.Count == rows:
                    for (var i = 0; i < parts.Length; i++)
                    {
                        var items = new ModelValue[batch[i].Rows];
                        for (var r = 0; r < items.Length; r++)
                        {
                            items[r] = sequence.Items[offset + r];
                        }

                        offset += items.Length;
                        parts[i][k] = new NamedValue(name, new SequenceValue(items));
                    }

                    break;
                default:
                    unsplit = name;
                    return null;
            }
        }

        return parts;
    }

    /// <summary>A queued request.</summary>
    private sealed class Pending(
        IReadOnlyList<NamedValue> inputs,
        Tensor[] ordered,
        int rows,
        IReadOnlyList<string>? outputNames,
        CancellationToken cancellationToken,
        long enqueuedAt)
    {
        public IReadOnlyList<NamedValue> Inputs { get; } = inputs;

        /// <summary>The input tensors in signature order.</summary>
        public Tensor[] Ordered { get; } = ordered;

        public int Rows { get; } = rows;

        public IReadOnlyList<string>? OutputNames { get; } = outputNames;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public long EnqueuedAt { get; } = enqueuedAt;

        public TaskCompletionSource<IReadOnlyList<NamedValue>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether this request can share a run with <paramref name="other"/>.</summary>
        public bool FitsWith(Pending other)
        {
            if (!SameOutputs(OutputNames, other.OutputNames))
            {
                return false;
            }

            for (var slot = 0; slot < Ordered.Length; slot++)
            {
                var a = Ordered[slot];
                var b = other.Ordered[slot];
                if (a.ElementType != b.ElementType || !a.Shape.AsSpan(1).SequenceEqual(b.Shape.AsSpan(1)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameOutputs(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
            ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));
    }
}
