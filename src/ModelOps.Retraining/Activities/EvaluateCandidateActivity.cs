using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Errors;
using ModelOps.Evaluation;
using ModelOps.Registry;

namespace ModelOps.Retraining;

/// <summary>
/// Scores the candidate and the current champion on the same held-out rows (the seeded split), computes the metrics
/// itself, applies the promotion rule and writes <c>reports/{model}/{runId}/evaluation.json</c>. Metrics an external
/// trainer reported are never used here.
/// </summary>
public sealed class EvaluateCandidateActivity : CancellableActivity<StepRequest, EvaluationResult>
{
    public const string Name = "EvaluateCandidate";

    private readonly TrainingDataFiles _files;
    private readonly RetrainingArtifacts _artifacts;
    private readonly ModelRegistry _registry;
    private readonly ModelScorer _scorer;
    private readonly ILogger<EvaluateCandidateActivity> _logger;

    public EvaluateCandidateActivity(
        TrainingDataFiles files,
        RetrainingArtifacts artifacts,
        ModelRegistry registry,
        ModelScorer scorer,
        ILogger<EvaluateCandidateActivity> logger,
        IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        _files = files;
        _artifacts = artifacts;
        _registry = registry;
        _scorer = scorer;
        _logger = logger;
    }

    public override async Task<EvaluationResult> RunAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return await EvaluateAsync(context, input, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DatasetMemory.Release();
        }
    }

    private async Task<EvaluationResult> EvaluateAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var configuration = run.Configuration;
        var candidate = input.Candidate ?? throw new InvalidOperationException("Evaluation needs the candidate.");
        var (path, _, _) = await _files.FetchAsync(context.InstanceId, run.Model, run.DataFile, input.Data.Sha256, cancellationToken).ConfigureAwait(false);
        var data = DatasetPreparation.Load(path, input.Data.CoercedColumns);
        var (_, holdout) = DatasetPreparation.Split(data, configuration);

        var candidateBytes = await _artifacts.ReadCandidateAsync(run.Model, context.InstanceId, candidate, cancellationToken).ConfigureAwait(false);
        var candidateMetrics = await Task.Run(() => _scorer.Score(candidateBytes, holdout, configuration.Label, configuration.Task, cancellationToken), cancellationToken).ConfigureAwait(false);

        int? championVersion = null;
        MetricSet? championMetrics = null;
        string? championError = null;
        try
        {
            var champion = await _registry.ResolveAliasAsync(run.Model, ModelRegistry.ChampionAlias, cancellationToken).ConfigureAwait(false);
            championVersion = champion.Version;
            var championBytes = await _registry.ReadVerifiedArtifactAsync(champion, cancellationToken).ConfigureAwait(false);
            championMetrics = await Task.Run(() => _scorer.Score(championBytes, holdout, configuration.Label, configuration.Task, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            // No champion yet: the first model is judged on the absolute threshold alone.
        }
        catch (RetrainingException exception)
        {
            championError = $"The champion (version {championVersion}) could not be scored on the new data: {exception.Message}";
        }

        var rule = new PromotionRule
        {
            Minimum = configuration.Promotion.Minimum,
            MaxDrop = configuration.Promotion.MaxDrop,
            PromoteOnTie = configuration.Promotion.PromoteOnTie,
        };
        var decision = rule.Decide(configuration.Metric, candidateMetrics, championMetrics);
        var record = new DecisionRecord
        {
            Metric = decision.Metric,
            Rule = configuration.Promotion,
            CandidateValue = Finite(decision.CandidateValue),
            ChampionValue = decision.ChampionValue is { } c ? Finite(c) : null,
            ChampionVersion = championVersion,
            Outcome = decision.Outcome.ToString(),
            Reason = championError is null ? decision.Reason : $"{decision.Reason} {championError}",
        };
        Log.Decided(_logger, run.Model, context.InstanceId, record.Outcome, record.Reason);
        var result = new EvaluationResult
        {
            HoldoutRows = holdout.RowCount,
            Candidate = ToRecord(candidateMetrics),
            ChampionVersion = championVersion,
            Champion = championMetrics is null ? null : ToRecord(championMetrics),
            ChampionError = championError,
            Decision = record,
        };
        var report = await _artifacts.WriteReportAsync(run.Model, context.InstanceId, RetrainingFiles.Evaluation, result, cancellationToken).ConfigureAwait(false);

        // The last step that reads the data: drop this host's local copy (a re-run downloads it again).
        _files.Clean(context.InstanceId);
        return result with { ReportBlob = report };
    }

    private static Dictionary<string, double?> ToRecord(MetricSet metrics) =>
        metrics.Values.ToDictionary(p => p.Key, p => Finite(p.Value), StringComparer.Ordinal);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
