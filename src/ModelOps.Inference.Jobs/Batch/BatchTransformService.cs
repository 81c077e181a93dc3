using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Workflows;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// Starts batch transform jobs: checks the request (format, folders inside the allowed containers, limits), pins the
/// version (the champion when none is named) and starts the <see cref="BatchTransformOrchestrator"/> through the runs
/// service, so the job is listed with the model's runs.
/// </summary>
public sealed class BatchTransformService
{
    /// <summary>The trigger recorded with batch runs.</summary>
    public const string Trigger = "batch";

    /// <summary>The most rows a shard may be asked to hold.</summary>
    public const int MaxRowsPerShardLimit = 10_000_000;

    private readonly WorkflowRuns _runs;
    private readonly InferenceService _inference;
    private readonly BlobPathGuard _guard;
    private readonly TimeProvider _time;
    private readonly ILogger<BatchTransformService> _logger;

    public BatchTransformService(WorkflowRuns runs, InferenceService inference, BlobPathGuard guard, TimeProvider time, ILogger<BatchTransformService> logger)
    {
        _runs = runs;
        _inference = inference;
        _guard = guard;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts a job; returns its run id. 400 naming the field at fault, 404 for an unknown model or version.</summary>
    public async Task<string> StartAsync(string model, BatchTransformRequest request, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        ArgumentNullException.ThrowIfNull(request);
        if (!BatchFormats.IsKnown(request.Format))
        {
            throw ModelOpsException.Invalid($"'format' must be '{BatchFormats.Csv}' or '{BatchFormats.JsonLines}'{(request.Format is null ? string.Empty : $", not '{request.Format}'")}.");
        }

        var input = _guard.InputFolder(request.Input, "input");
        var output = _guard.OutputFolder(request.Output, "output");
        if (request.MaxRowsPerShard is < 1 or > MaxRowsPerShardLimit)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'maxRowsPerShard' must be between 1 and {MaxRowsPerShardLimit}."));
        }

        if (!(request.MaxErrorRate is >= 0 and <= 1))
        {
            throw ModelOpsException.Invalid("'maxErrorRate' must be between 0 and 1.");
        }

        var version = await _inference.ResolveAsync(model, request.Version, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var runId = string.Create(CultureInfo.InvariantCulture, $"{model}-batch-{now:yyyyMMddTHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        var job = new BatchTransformInput
        {
            Model = model,
            Version = version.Version,
            Input = input.ToString(),
            Output = output.ToString(),
            Format = request.Format!,
            IncludeInput = request.IncludeInput,
            MaxRowsPerShard = request.MaxRowsPerShard,
            MaxErrorRate = request.MaxErrorRate,
            StartedAt = now,
        };
        await _runs.StartAsync(BatchTransformOrchestrator.Name, runId, job, model, Trigger, now, cancellationToken).ConfigureAwait(false);
        Log.BatchStarted(_logger, runId, model, version.Version, job.Input, job.Output, job.Format);
        return runId;
    }
}
