using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Registry;
using ModelOps.Serialization;
using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>
/// Registers the candidate with its lineage (data URI and SHA-256, schema and baseline references, trainer and
/// parameters, metrics, run id, code version) and copies schema, statistics and the monitoring reference to <c>baselines/{model}/{version}/</c>.
/// Exactly one version per run: a marker row keyed by run id records the version, and a re-run after a crash between
/// registering and writing the marker finds the version by its <c>runId</c> tag instead of registering another.
/// </summary>
public sealed class RegisterCandidateActivity : CancellableActivity<StepRequest, RegisteredCandidate>
{
    public const string Name = "RegisterCandidate";

    /// <summary>The code version recorded with every registered model: this assembly's informational version.</summary>
    public static string CodeVersion { get; } =
        typeof(RegisterCandidateActivity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly ModelRegistry _registry;
    private readonly IRetrainingLedger _ledger;
    private readonly RetrainingArtifacts _artifacts;
    private readonly ILogger<RegisterCandidateActivity> _logger;

    public RegisterCandidateActivity(
        ModelRegistry registry,
        IRetrainingLedger ledger,
        RetrainingArtifacts artifacts,
        ILogger<RegisterCandidateActivity> logger,
        IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        _registry = registry;
        _ledger = ledger;
        _artifacts = artifacts;
        _logger = logger;
    }

    public override async Task<RegisteredCandidate> RunAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var runId = context.InstanceId;
        var candidate = input.Candidate ?? throw new InvalidOperationException("Registration needs the candidate.");
        var evaluation = input.Evaluation ?? throw new InvalidOperationException("Registration needs the evaluation.");
        ArgumentNullException.ThrowIfNull(evaluation.Decision);
        var marker = await _ledger.GetRegistrationAsync(run.Model, runId, cancellationToken).ConfigureAwait(false);
        var version = marker?.Version ?? await FindByRunAsync(run.Model, runId, cancellationToken).ConfigureAwait(false);
        string sha = candidate.Sha256;
        if (version is null)
        {
            var onnx = await _artifacts.ReadCandidateAsync(run.Model, runId, candidate, cancellationToken).ConfigureAwait(false);
            var tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["runId"] = runId,
                ["trigger"] = run.Trigger,
                ["dataUri"] = input.Data.DataUri,
                ["dataSha256"] = input.Data.Sha256,
                ["schema"] = input.Data.SchemaBlob,
                ["statistics"] = input.Data.StatisticsBlob,
                ["trainer"] = candidate.Trainer,
                ["parameters"] = JsonSerializer.Serialize(candidate.Parameters ?? new Dictionary<string, JsonElement>(), ModelOpsJson.Options),
                ["metric"] = evaluation.Decision.Metric,
                ["trainingFingerprint"] = run.Configuration.TrainingFingerprint(),
                ["codeVersion"] = CodeVersion,
            };

            // A model that requires approval gets a candidate a reviewer must approve; otherwise the promotion decision
            // is the approval, and says why.
            var requireApproval = await RequiresApprovalAsync(run.Model, cancellationToken).ConfigureAwait(false);
            var metrics = evaluation.Candidate.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value, StringComparer.Ordinal);
            var registered = await _registry.RegisterAsync(
                run.Model,
                onnx,
                new ModelRegistration
                {
                    Description = string.Create(CultureInfo.InvariantCulture, $"Retrained by run {runId} ({run.Trigger}) on {input.Data.DataUri}: {evaluation.Decision.Reason}"),
                    Tags = tags,
                    Metrics = metrics,
                    Source = $"run:{runId}",
                    ApprovalStatus = requireApproval ? ApprovalStatus.PendingManualApproval : ApprovalStatus.Approved,
                    ApprovalReason = requireApproval ? null : $"Promotion rule of run {runId}: {evaluation.Decision.Reason}",
                    RegisteredBy = $"retraining:{runId}",
                },
                cancellationToken).ConfigureAwait(false);
            version = registered.Version;
            sha = registered.Sha256;
            Log.Registered(_logger, run.Model, runId, registered.Version);
        }

        await _ledger.SetRegistrationAsync(run.Model, runId, new RunRegistration(version.Value, sha), cancellationToken).ConfigureAwait(false);
        await _artifacts.CopyToBaselineAsync(run.Model, runId, RetrainingFiles.Schema, version.Value, cancellationToken).ConfigureAwait(false);
        await _artifacts.CopyToBaselineAsync(run.Model, runId, RetrainingFiles.Statistics, version.Value, cancellationToken).ConfigureAwait(false);
        if (input.Data.ReferenceBlob is not null)
        {
            await _artifacts.CopyToBaselineAsync(run.Model, runId, RetrainingFiles.Reference, version.Value, cancellationToken).ConfigureAwait(false);
        }

        var registeredVersion = await _registry.GetVersionAsync(run.Model, version.Value, cancellationToken).ConfigureAwait(false);
        return new RegisteredCandidate(version.Value, sha, registeredVersion.ApprovalStatus);
    }

    private async Task<bool> RequiresApprovalAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            return (await _registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false)).RequireApproval;
        }
        catch (Errors.ModelOpsException exception) when (exception.Kind == Errors.ErrorKind.NotFound)
        {
            return false;
        }
    }

    private async Task<int?> FindByRunAsync(string model, string runId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModelVersion> versions;
        try
        {
            versions = await _registry.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false);
        }
        catch (Errors.ModelOpsException exception) when (exception.Kind == Errors.ErrorKind.NotFound)
        {
            return null;
        }

        return versions.FirstOrDefault(v => v.Tags.TryGetValue("runId", out var id) && id == runId)?.Version;
    }
}
