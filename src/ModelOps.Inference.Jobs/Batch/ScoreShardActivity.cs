using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Serialization;
using ModelOps.Runtime;
using ModelOps.Tensors;
using ModelOps.Training.Data;
using ModelOps.Workflows;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// Scores one shard: streams its byte range of the input file, fills the model's inputs <see cref="BatchTransformOptions.RowsPerRun"/>
/// rows at a time, and writes one output row per input row in input order (empty predictions for a row that could not
/// be scored, which is listed with its line and reason in the errors). Output goes out in parts of about
/// <see cref="BatchTransformOptions.PartBytes"/> under keys fixed by the shard, so running the shard again replaces them.
/// Memory is bounded by the run size and the part size, whatever the shard's.
/// </summary>
public sealed class ScoreShardActivity : CancellableActivity<ShardWork, ShardResult>
{
    public const string Name = "ScoreBatchShard";

    private const string CommentPrefix = "//";
    private const int MaxRecordBytes = 1 << 20;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IBatchFileStore _files;
    private readonly InferenceService _inference;
    private readonly BatchTransformOptions _options;
    private readonly ILogger<ScoreShardActivity> _logger;

    public ScoreShardActivity(
        IBatchFileStore files,
        InferenceService inference,
        IOptions<InferenceJobsOptions> options,
        ILogger<ScoreShardActivity> logger,
        IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        _files = files;
        _inference = inference;
        _options = options.Value.Batch;
        _logger = logger;
    }

    public override async Task<ShardResult> RunAsync(TaskActivityContext context, ShardWork input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var started = Stopwatch.GetTimestamp();
        var job = input.Job;
        var (_, signature) = await _inference.DescribeAsync(job.Model, job.Version, cancellationToken).ConfigureAwait(false);
        var output = BlobPath.Parse(job.Output);
        var shard = new Shard(this, context.InstanceId, input, signature, output, cancellationToken);
        var file = new BatchFile(BlobPath.Parse(input.File.Path), input.File.Size, input.File.ETag);
        var stream = await _files.OpenReadAsync(file, input.Shard.Start, input.Shard.End - input.Shard.Start, cancellationToken).ConfigureAwait(false);
        if (job.Format == BatchFormats.Csv)
        {
            using var reader = new CsvReader(stream, input.File.Separator, CommentPrefix, MaxRecordBytes, input.Shard.FirstLine);
            while (shard.Wants && reader.Read() == RecordStatus.Record)
            {
                await shard.AddAsync(reader).ConfigureAwait(false);
            }
        }
        else
        {
            using var reader = new JsonLinesReader(stream, input.Shard.FirstLine);
            while (shard.Wants && reader.Read() == RecordStatus.Record)
            {
                await shard.AddAsync(reader).ConfigureAwait(false);
            }
        }

        var result = await shard.EndAsync().ConfigureAwait(false);
        if (result.Rows != input.Shard.Rows)
        {
            throw new BatchTransformException($"Shard {input.Shard.Index} of '{input.File.Path}' read {result.Rows} rows where the plan found {input.Shard.Rows}.");
        }

        Log.ShardScored(_logger, context.InstanceId, input.Shard.Index, input.File.Name, result.Rows, result.Errors, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>The state of one shard's scoring: the rows of the current run, in input order, and the writers of its parts.</summary>
    private sealed class Shard
    {
        private readonly ScoreShardActivity _owner;
        private readonly ShardWork _work;
        private readonly ModelSignature _signature;
        private readonly CancellationToken _cancellationToken;
        private readonly RowEncoder _encoder;
        private readonly PartWriter _out;
        private readonly PartWriter _errors;
        private readonly byte _separator;
        private readonly List<Slot> _slots = [];
        private readonly ArrayBufferWriter<byte> _inputCells = new();
        private readonly List<JsonDocument> _inputLines = [];
        private readonly Utf8JsonWriter _json;
        private readonly Utf8JsonWriter _errorJson;
        private OutputLayout? _layout;
        private long _rows;
        private long _errorRows;

        public Shard(ScoreShardActivity owner, string runId, ShardWork work, ModelSignature signature, BlobPath output, CancellationToken cancellationToken)
        {
            _owner = owner;
            _work = work;
            _signature = signature;
            _cancellationToken = cancellationToken;
            var header = work.File.Header;
            var layout = InputLayout.Create(signature, header, work.File.Path);
            _encoder = new RowEncoder(layout, owner._options.RowsPerRun, header?.Count ?? 0);
            var name = output.Append(work.File.Name);
            _out = new PartWriter(owner._files, name with { Name = name.Name + ".out" }, runId, work.Shard.Index, owner._options.PartBytes);
            _errors = new PartWriter(owner._files, name with { Name = name.Name + ".errors.jsonl" }, runId, work.Shard.Index, owner._options.PartBytes);
            _separator = (byte)work.File.Separator;
            _json = new Utf8JsonWriter(_out.Output, WriterOptions);
            _errorJson = new Utf8JsonWriter(_errors.Output, WriterOptions);
        }

        /// <summary>Whether the shard has rows left to read.</summary>
        public bool Wants => _rows + _slots.Count < _work.Shard.Rows;

        public async Task AddAsync(CsvReader record)
        {
            var problem = _encoder.TryAdd(record);
            var cells = (Start: _inputCells.WrittenCount, Length: 0);
            if (_work.Job.IncludeInput)
            {
                for (var i = 0; i < record.FieldCount; i++)
                {
                    if (i > 0)
                    {
                        _inputCells.Write([_separator]);
                    }

                    CsvCells.WriteText(_inputCells, record.Field(i), _separator);
                }

                cells.Length = _inputCells.WrittenCount - cells.Start;
            }

            _slots.Add(new Slot(record.LineNumber, problem, problem is null ? _encoder.Count - 1 : -1, cells.Start, cells.Length));
            await FlushIfFullAsync().ConfigureAwait(false);
        }

        public async Task AddAsync(JsonLinesReader line)
        {
            string? problem;
            JsonDocument? document = null;
            try
            {
                document = StrictJson.Parse(line.Line.ToArray(), "The line");
                problem = _encoder.TryAdd(document.RootElement);
            }
            catch (ModelOpsException exception) when (exception.Kind == ErrorKind.InvalidInput)
            {
                problem = exception.Message;
            }

            var kept = -1;
            if (document is not null && _work.Job.IncludeInput)
            {
                kept = _inputLines.Count;
                _inputLines.Add(document);
            }
            else
            {
                document?.Dispose();
            }

            _slots.Add(new Slot(line.LineNumber, problem, problem is null ? _encoder.Count - 1 : -1, kept, 0));
            await FlushIfFullAsync().ConfigureAwait(false);
        }

        public async Task<ShardResult> EndAsync()
        {
            await RunAndWriteAsync().ConfigureAwait(false);
            await _out.FlushAsync(_cancellationToken).ConfigureAwait(false);
            await _errors.FlushAsync(_cancellationToken).ConfigureAwait(false);
            await _json.DisposeAsync().ConfigureAwait(false);
            await _errorJson.DisposeAsync().ConfigureAwait(false);
            return new ShardResult { Index = _work.Shard.Index, Rows = _rows, Errors = _errorRows, OutputParts = _out.Keys, ErrorParts = _errors.Keys };
        }

        private async Task FlushIfFullAsync()
        {
            if (_slots.Count >= _owner._options.RowsPerRun)
            {
                await RunAndWriteAsync().ConfigureAwait(false);
                await _out.FlushIfFullAsync(_cancellationToken).ConfigureAwait(false);
                await _errors.FlushIfFullAsync(_cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Scores the rows gathered and writes them, in order, to the output and errors.</summary>
        private async Task RunAndWriteAsync()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var count = _encoder.Count;
            IReadOnlyList<NamedValue>? outputs = null;
            IReadOnlyList<NamedValue>?[]? alone = null;
            string?[]? failed = null;
            if (count > 0)
            {
                var inputs = _encoder.Take();
                try
                {
                    outputs = await RunAsync(inputs, count).ConfigureAwait(false);
                }
                catch (ModelOpsException exception) when (exception.Kind == ErrorKind.InvalidInput)
                {
                    // The runtime refused the run: score the rows one by one so only those at fault fail.
                    (alone, failed) = (new IReadOnlyList<NamedValue>?[count], new string?[count]);
                    for (var row = 0; row < count; row++)
                    {
                        try
                        {
                            alone[row] = await RunAsync(Row(inputs, row), 1).ConfigureAwait(false);
                        }
                        catch (ModelOpsException rowFailure) when (rowFailure.Kind == ErrorKind.InvalidInput)
                        {
                            failed[row] = rowFailure.Message;
                        }
                    }
                }
            }

            foreach (var slot in _slots)
            {
                var problem = slot.Problem ?? (slot.Row >= 0 ? failed?[slot.Row] : null);
                var (rowOutputs, row) = problem is not null ? (null, 0) : alone is not null ? (alone[slot.Row], 0) : (outputs, slot.Row);
                WriteRow(slot, rowOutputs, row);
                _rows++;
                if (problem is not null)
                {
                    _errorRows++;
                    _errorJson.WriteStartObject();
                    _errorJson.WriteNumber("line", slot.Line);
                    _errorJson.WriteString("reason", problem);
                    _errorJson.WriteEndObject();
                    _errorJson.Flush();
                    _errorJson.Reset(_errors.Output);
                    _errors.Output.Write("\n"u8);
                }
            }

            _slots.Clear();
            _inputCells.Clear();
            _inputLines.ForEach(d => d.Dispose());
            _inputLines.Clear();
        }

        private async Task<IReadOnlyList<NamedValue>> RunAsync(IReadOnlyList<NamedValue> inputs, int rows)
        {
            var job = _work.Job;
            var result = await _owner._inference.InferAsync(new InferenceRequest(job.Model, job.Version, inputs), _cancellationToken).ConfigureAwait(false);
            if (_layout is null)
            {
                var layout = OutputLayout.From(result.Outputs, _signature, rows);
                if (!layout.Names.SequenceEqual(_work.Columns))
                {
                    throw new BatchTransformException(
                        $"The model's prediction columns ({string.Join(", ", layout.Names)}) differ from those planned ({string.Join(", ", _work.Columns)}).");
                }

                _layout = layout;
            }

            return result.Outputs;
        }

        private void WriteRow(Slot slot, IReadOnlyList<NamedValue>? outputs, int row)
        {
            var output = _out.Output;
            if (_work.Job.Format == BatchFormats.Csv)
            {
                var includeInput = _work.Job.IncludeInput;
                if (includeInput)
                {
                    output.Write(_inputCells.WrittenSpan.Slice(slot.InputStart, slot.InputLength));
                }

                if (_layout is not null)
                {
                    _layout.WriteCsv(output, outputs, row, _separator, leadingSeparator: includeInput);
                }
                else
                {
                    // No run of this shard succeeded yet, so only bad rows: empty cells under the planned columns.
                    for (var c = 0; c < _work.Columns.Count; c++)
                    {
                        if (c > 0 || includeInput)
                        {
                            output.Write([_separator]);
                        }
                    }
                }

                output.Write("\n"u8);
                return;
            }

            _json.WriteStartObject();
            if (_work.Job.IncludeInput && slot.InputStart >= 0)
            {
                var input = _inputLines[slot.InputStart].RootElement;
                if (input.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in input.EnumerateObject())
                    {
                        property.WriteTo(_json);
                    }
                }
                else
                {
                    _json.WritePropertyName("input");
                    input.WriteTo(_json);
                }
            }

            if (_layout is not null)
            {
                _layout.WriteJson(_json, outputs, row);
            }
            else
            {
                foreach (var column in _work.Columns)
                {
                    _json.WriteNull(column);
                }
            }

            _json.WriteEndObject();
            _json.Flush();
            _json.Reset(output);
            output.Write("\n"u8);
        }

        /// <summary>One row of the run's inputs, as a run of its own.</summary>
        private static List<NamedValue> Row(IReadOnlyList<NamedValue> inputs, int row)
        {
            var single = new List<NamedValue>(inputs.Count);
            foreach (var (name, value) in inputs)
            {
                var tensor = (Tensor)value;
                var width = tensor.Length / (int)tensor.Shape[0];
                var data = Array.CreateInstance(tensor.ElementType.ClrType(), width);
                Array.Copy(tensor.Data, row * width, data, 0, width);
                var shape = (long[])tensor.Shape.Clone();
                shape[0] = 1;
                single.Add(new NamedValue(name, new Tensor(tensor.ElementType, shape, data)));
            }

            return single;
        }
    }

    /// <summary>One input row of the current run: its line, why it failed (or its row in the run), and where its input is kept.</summary>
    private readonly record struct Slot(long Line, string? Problem, int Row, int InputStart, int InputLength);
}
