using System.Buffers;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Serialization;
using ModelOps.Workflows;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// Composes each input file's outputs from its shards' parts, in shard order (<c>name.out</c>, a CSV's header first, and
/// <c>name.errors.jsonl</c>), then writes <c>_manifest.json</c>. Composing commits each output in one step, and doing it
/// again gives the same outputs. When the job failed on its error rate only the error files and the manifest are written.
/// </summary>
public sealed class WriteBatchOutputActivity : CancellableActivity<BatchOutputRequest, BatchTransformOutput>
{
    public const string Name = "WriteBatchOutput";

    /// <summary>The manifest's name in the output folder.</summary>
    public const string ManifestName = "_manifest.json";

    private static readonly JsonSerializerOptions ManifestOptions = new(ModelOpsJson.Options) { WriteIndented = true };

    private readonly IBatchFileStore _files;
    private readonly ILogger<WriteBatchOutputActivity> _logger;

    public WriteBatchOutputActivity(IBatchFileStore files, ILogger<WriteBatchOutputActivity> logger, IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        _files = files;
        _logger = logger;
    }

    public override async Task<BatchTransformOutput> RunAsync(TaskActivityContext context, BatchOutputRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var job = input.Job;
        var folder = BlobPath.Parse(job.Output);
        var csv = job.Format == BatchFormats.Csv;
        var files = new List<BatchFileOutput>(input.Plan.Files.Count);
        foreach (var file in input.Plan.Files)
        {
            var results = file.Shards.Select(s => input.Results[s.Index]).ToList();
            var name = folder.Append(file.Name);
            var errors = name with { Name = name.Name + ".errors.jsonl" };
            await _files.ComposeAsync(errors, [.. results.SelectMany(r => r.ErrorParts)], "application/x-ndjson", cancellationToken).ConfigureAwait(false);
            BlobPath? output = null;
            if (input.Failure is null)
            {
                output = name with { Name = name.Name + ".out" };
                var parts = results.SelectMany(r => r.OutputParts).ToList();
                if (csv)
                {
                    var header = PartKeys.Header(context.InstanceId);
                    await _files.WritePartAsync(output.Value, header, Header(file, input.Plan.Columns, job.IncludeInput), cancellationToken).ConfigureAwait(false);
                    parts.Insert(0, header);
                }

                await _files.ComposeAsync(output.Value, parts, csv ? "text/csv" : "application/x-ndjson", cancellationToken).ConfigureAwait(false);
            }

            files.Add(new BatchFileOutput(file.Path, output?.ToString(), errors.ToString(), results.Sum(r => r.Rows), results.Sum(r => r.Errors)));
        }

        var manifest = new BatchTransformOutput
        {
            RunId = context.InstanceId,
            Model = job.Model,
            Version = job.Version,
            Format = job.Format,
            Input = job.Input,
            Output = job.Output,
            Status = input.Failure is null ? "Succeeded" : "Failed",
            Error = input.Failure,
            Files = files,
            Rows = files.Sum(f => f.Rows),
            Errors = files.Sum(f => f.ErrorRows),
            Start = job.StartedAt,
            End = input.End,
        };
        await _files.WriteAsync(folder.Append(ManifestName), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestOptions), "application/json", cancellationToken).ConfigureAwait(false);
        Log.BatchWritten(_logger, context.InstanceId, files.Count, manifest.Rows, manifest.Errors);
        return manifest;
    }

    /// <summary>A CSV output's header line: the input's columns when included, then the prediction columns.</summary>
    private static byte[] Header(FilePlan file, IReadOnlyList<string> columns, bool includeInput)
    {
        var separator = (byte)file.Separator;
        var buffer = new ArrayBufferWriter<byte>();
        var first = true;
        foreach (var column in (includeInput ? file.Header ?? [] : []).Concat(columns))
        {
            if (!first)
            {
                buffer.Write([separator]);
            }

            CsvCells.WriteText(buffer, column, separator);
            first = false;
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
