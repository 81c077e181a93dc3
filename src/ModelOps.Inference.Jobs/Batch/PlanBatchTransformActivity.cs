using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Serialization;
using ModelOps.Runtime;
using ModelOps.Training.Data;
using ModelOps.Workflows;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// Plans a batch job: lists the input files, reads each once (streamed) to find where every
/// <see cref="BatchTransformInput.MaxRowsPerShard"/>-th row starts, checks a CSV header against the model's inputs, and
/// scores the first rows to learn the prediction columns. Fails the job at once (<see cref="BatchTransformException"/>)
/// for no input files, an empty file, a CSV header that lacks a column the model needs, an unreadable file, or first rows
/// none of which can be scored.
/// </summary>
public sealed class PlanBatchTransformActivity : CancellableActivity<BatchTransformInput, BatchJobPlan>
{
    public const string Name = "PlanBatchTransform";

    /// <summary>The rows tried to learn the prediction columns before the job gives up.</summary>
    public const int ProbeRows = 64;

    private const string CommentPrefix = "//";
    private const int MaxRecordBytes = 1 << 20;

    private readonly IBatchFileStore _files;
    private readonly InferenceService _inference;
    private readonly BatchTransformOptions _options;
    private readonly ILogger<PlanBatchTransformActivity> _logger;

    public PlanBatchTransformActivity(
        IBatchFileStore files,
        InferenceService inference,
        IOptions<InferenceJobsOptions> options,
        ILogger<PlanBatchTransformActivity> logger,
        IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        _files = files;
        _inference = inference;
        _options = options.Value.Batch;
        _logger = logger;
    }

    public override async Task<BatchJobPlan> RunAsync(TaskActivityContext context, BatchTransformInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var folder = BlobPath.Parse(input.Input);
            var (_, signature) = await _inference.DescribeAsync(input.Model, input.Version, cancellationToken).ConfigureAwait(false);
            var probe = new Probe(input, signature);
            var files = new List<FilePlan>();
            var shards = 0;
            await foreach (var file in _files.ListAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                var name = file.Path.Name[folder.Name.Length..];
                if (file.Size == 0)
                {
                    throw new BatchTransformException($"The input file '{file.Path}' is empty.");
                }

                var plan = input.Format == BatchFormats.Csv
                    ? await PlanCsvAsync(file, name, input, signature, probe, shards, cancellationToken).ConfigureAwait(false)
                    : await PlanJsonLinesAsync(file, name, input, signature, probe, shards, cancellationToken).ConfigureAwait(false);
                if (plan.Rows == 0)
                {
                    throw new BatchTransformException($"The input file '{file.Path}' has no rows.");
                }

                shards += plan.Shards.Count;
                if (shards > _options.MaxShards)
                {
                    throw new BatchTransformException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The input needs more than {_options.MaxShards} shards of {input.MaxRowsPerShard} rows; raise maxRowsPerShard."));
                }

                files.Add(plan);
            }

            if (files.Count == 0)
            {
                throw new BatchTransformException($"There are no input files under '{input.Input}'.");
            }

            var columns = await probe.ColumnsAsync(_inference, cancellationToken).ConfigureAwait(false);
            var result = new BatchJobPlan { Files = files, Columns = columns };
            Log.BatchPlanned(_logger, context.InstanceId, files.Count, result.Rows, result.Shards);
            return result;
        }
        catch (BatchTransformException exception)
        {
            Log.BatchFailed(_logger, context.InstanceId, exception.Message);
            throw;
        }
        catch (ModelOpsException exception) when (exception.Kind is ErrorKind.NotFound or ErrorKind.InvalidInput or ErrorKind.Conflict)
        {
            Log.BatchFailed(_logger, context.InstanceId, exception.Message);
            throw new BatchTransformException(exception.Message, exception);
        }
    }

    private async Task<FilePlan> PlanCsvAsync(BatchFile file, string name, BatchTransformInput input, ModelSignature signature, Probe probe, int firstShard, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(file, cancellationToken).ConfigureAwait(false);
        var separator = CsvReader.DetectSeparator(() => new MemoryStream(head, writable: false), CommentPrefix);
        var stream = await _files.OpenReadAsync(file, 0, null, cancellationToken).ConfigureAwait(false);
        using var reader = new CsvReader(stream, separator, CommentPrefix, MaxRecordBytes);
        var status = reader.Read();
        if (status != RecordStatus.Record)
        {
            Unreadable(file, reader.LineNumber, status, "has no header");
        }

        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.Text).ToArray();
        var layout = InputLayout.Create(signature, header, file.Path.ToString());
        probe.Begin(layout, header.Length);
        var shards = new Splitter(input.MaxRowsPerShard, firstShard, reader.NextOffset, reader.NextLine);
        while ((status = reader.Read()) == RecordStatus.Record)
        {
            probe.Offer(reader);
            shards.Row(reader.NextOffset, reader.NextLine);
            if (shards.Rows % 65536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        if (status != RecordStatus.End)
        {
            Unreadable(file, reader.LineNumber, status, null);
        }

        await probe.RunIfFullAsync(_inference, cancellationToken).ConfigureAwait(false);
        return new FilePlan { Name = name, Path = file.Path.ToString(), ETag = file.ETag, Size = file.Size, Header = header, Separator = separator, Rows = shards.Rows, Shards = shards.End(reader.NextOffset) };
    }

    private async Task<FilePlan> PlanJsonLinesAsync(BatchFile file, string name, BatchTransformInput input, ModelSignature signature, Probe probe, int firstShard, CancellationToken cancellationToken)
    {
        var stream = await _files.OpenReadAsync(file, 0, null, cancellationToken).ConfigureAwait(false);
        using var reader = new JsonLinesReader(stream);
        probe.Begin(InputLayout.Create(signature, null, file.Path.ToString()), 0);
        var shards = new Splitter(input.MaxRowsPerShard, firstShard, 0, 1);
        RecordStatus status;
        while ((status = reader.Read()) == RecordStatus.Record)
        {
            probe.Offer(reader);
            shards.Row(reader.NextOffset, reader.NextLine);
        }

        if (status != RecordStatus.End)
        {
            Unreadable(file, reader.LineNumber, status, null);
        }

        await probe.RunIfFullAsync(_inference, cancellationToken).ConfigureAwait(false);
        return new FilePlan { Name = name, Path = file.Path.ToString(), ETag = file.ETag, Size = file.Size, Header = null, Rows = shards.Rows, Shards = shards.End(reader.NextOffset) };
    }

    private async Task<byte[]> ReadHeadAsync(BatchFile file, CancellationToken cancellationToken)
    {
        var stream = await _files.OpenReadAsync(file, 0, Math.Min(file.Size, 1 << 16), cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    private static void Unreadable(BatchFile file, long line, RecordStatus status, string? what) =>
        throw new BatchTransformException(string.Create(CultureInfo.InvariantCulture, $"The input file '{file.Path}' {what ?? status switch
        {
            RecordStatus.TooLong => $"has a record longer than {MaxRecordBytes} bytes at line {line} (an unterminated quote?)",
            RecordStatus.UnterminatedQuote => $"has a quote opened at line {line} that is never closed",
            _ => $"ends early at line {line}",
        }}."));

    /// <summary>Cuts a file's rows into shards of at most the job's rows per shard, numbering them from the job's count so far.</summary>
    private sealed class Splitter(int rowsPerShard, int firstIndex, long start, long firstLine)
    {
        private readonly List<ShardRange> _shards = [];
        private long _start = start;
        private long _firstLine = firstLine;
        private long _inShard;

        public long Rows { get; private set; }

        public void Row(long nextOffset, long nextLine)
        {
            Rows++;
            if (++_inShard == rowsPerShard)
            {
                _shards.Add(new ShardRange(firstIndex + _shards.Count, _start, nextOffset, _firstLine, _inShard));
                (_start, _firstLine, _inShard) = (nextOffset, nextLine, 0);
            }
        }

        public List<ShardRange> End(long end)
        {
            if (_inShard > 0)
            {
                _shards.Add(new ShardRange(firstIndex + _shards.Count, _start, end, _firstLine, _inShard));
            }

            return _shards;
        }
    }

    /// <summary>
    /// Learns the prediction columns by scoring the first rows that can be scored (of the first files): the columns of a
    /// classifier's probabilities come from its answers. None of the first <see cref="ProbeRows"/> rows scoring fails the job.
    /// </summary>
    private sealed class Probe(BatchTransformInput input, ModelSignature signature)
    {
        private RowEncoder? _encoder;
        private int _tried;
        private string? _firstError;
        private IReadOnlyList<string>? _columns;

        public bool Wants => _columns is null && _tried < ProbeRows;

        public void Begin(InputLayout layout, int headerWidth)
        {
            if (Wants && (_encoder is null || _encoder.Count == 0))
            {
                _encoder = new RowEncoder(layout, ProbeRows, headerWidth);
            }
        }

        public void Offer(CsvReader record)
        {
            if (Wants)
            {
                Note(record.LineNumber, _encoder!.TryAdd(record));
            }
        }

        public void Offer(JsonLinesReader line)
        {
            if (!Wants)
            {
                return;
            }

            try
            {
                using var document = StrictJson.Parse(line.Line.ToArray(), "The line");
                Note(line.LineNumber, _encoder!.TryAdd(document.RootElement));
            }
            catch (ModelOpsException exception) when (exception.Kind == ErrorKind.InvalidInput)
            {
                Note(line.LineNumber, exception.Message);
            }
        }

        /// <summary>Scores what was gathered once a file ends, so the next file's layout starts a fresh encoder.</summary>
        public async Task RunIfFullAsync(InferenceService inference, CancellationToken cancellationToken)
        {
            if (_columns is null && _encoder is { Count: > 0 } encoder)
            {
                var rows = encoder.Count;
                var result = await inference.InferAsync(new InferenceRequest(input.Model, input.Version, encoder.Take()), cancellationToken).ConfigureAwait(false);
                _columns = OutputLayout.From(result.Outputs, signature, rows).Names;
            }
        }

        public async Task<IReadOnlyList<string>> ColumnsAsync(InferenceService inference, CancellationToken cancellationToken)
        {
            await RunIfFullAsync(inference, cancellationToken).ConfigureAwait(false);
            return _columns ?? throw new BatchTransformException(string.Create(
                CultureInfo.InvariantCulture,
                $"None of the first {_tried} rows could be scored; the first fails with: {_firstError}"));
        }

        private void Note(long line, string? problem)
        {
            _tried++;
            if (problem is not null)
            {
                _firstError ??= string.Create(CultureInfo.InvariantCulture, $"line {line}: {problem}");
            }
        }
    }
}
