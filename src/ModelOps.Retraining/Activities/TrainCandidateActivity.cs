using System.Security.Cryptography;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Training;

namespace ModelOps.Retraining;

/// <summary>
/// Trains the candidate on the training rows (everything but the seeded held-out split) with a built-in trainer or an
/// external command, and stores its ONNX file as <c>reports/{model}/{runId}/candidate.onnx</c>. Re-running it after a
/// crash trains again and overwrites the same blob.
/// </summary>
public sealed class TrainCandidateActivity : CancellableActivity<StepRequest, CandidateModel>
{
    public const string Name = "TrainCandidate";

    private readonly TrainingDataFiles _files;
    private readonly RetrainingArtifacts _artifacts;
    private readonly ExternalTrainer _external;
    private readonly TimeProvider _time;
    private readonly ILogger<TrainCandidateActivity> _logger;

    public TrainCandidateActivity(
        TrainingDataFiles files,
        RetrainingArtifacts artifacts,
        ExternalTrainer external,
        TimeProvider time,
        ILogger<TrainCandidateActivity> logger,
        IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        _files = files;
        _artifacts = artifacts;
        _external = external;
        _time = time;
        _logger = logger;
    }

    public override async Task<CandidateModel> RunAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return await TrainAsync(context, input, cancellationToken).ConfigureAwait(false);
        }
        catch (RetrainingException)
        {
            // The run ends here: nothing needs the local copy of the data any more.
            _files.Clean(context.InstanceId);
            throw;
        }
        finally
        {
            DatasetMemory.Release();
        }
    }

    private async Task<CandidateModel> TrainAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var configuration = run.Configuration;
        var started = _time.GetTimestamp();
        var (path, _, _) = await _files.FetchAsync(context.InstanceId, run.Model, run.DataFile, input.Data.Sha256, cancellationToken).ConfigureAwait(false);
        var data = DatasetPreparation.Load(path, input.Data.CoercedColumns);
        var (train, holdout) = DatasetPreparation.Split(data, configuration);
        data = null;

        byte[] onnx;
        IReadOnlyList<string> warnings = [];
        IReadOnlyDictionary<string, System.Text.Json.JsonElement>? reported = null;
        if (configuration.IsExternal)
        {
            var result = await _external.TrainAsync(context.InstanceId, train, input.Data.Features, configuration, cancellationToken).ConfigureAwait(false);
            onnx = result.Onnx;
            reported = result.ReportedMetrics;
        }
        else
        {
            var request = new TrainingRequest(configuration.Label, configuration.Task == TaskNames.Regression ? TrainingTask.Regression : TrainingTask.Classification)
            {
                Features = input.Data.Features,
                Parameters = new TrainingParameters(configuration.Parameters),
            };
            try
            {
                var model = await Task.Run(() => TrainerCatalog.Create(configuration.Trainer).Train(train, request, cancellationToken), cancellationToken).ConfigureAwait(false);
                onnx = model.ExportOnnx();
                warnings = model.Report.Warnings;
            }
            catch (TrainingException exception)
            {
                throw new RetrainingException($"Trainer '{configuration.Trainer}' failed: {exception.Message}", exception);
            }
        }

        var blob = await _artifacts.WriteFileAsync(run.Model, context.InstanceId, RetrainingFiles.Candidate, onnx, "application/octet-stream", cancellationToken).ConfigureAwait(false);
        var elapsed = (long)_time.GetElapsedTime(started).TotalMilliseconds;
        Log.CandidateTrained(_logger, run.Model, context.InstanceId, configuration.Trainer, elapsed);
        var candidate = new CandidateModel
        {
            Blob = blob,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx)),
            Trainer = configuration.Trainer,
            Parameters = configuration.Parameters,
            TrainingRows = train.RowCount,
            HoldoutRows = holdout.RowCount,
            ElapsedMs = elapsed,
            Warnings = warnings,
            ReportedMetrics = reported,
        };
        await _artifacts.WriteReportAsync(run.Model, context.InstanceId, RetrainingFiles.Training, candidate, cancellationToken).ConfigureAwait(false);
        return candidate;
    }
}
