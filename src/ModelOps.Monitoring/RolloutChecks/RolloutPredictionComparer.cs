using Microsoft.Extensions.Options;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Checks;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;
using ModelOps.Registry;
using ModelOps.Rollouts;

namespace ModelOps.Monitoring.RolloutChecks;

/// <summary>
/// A rollout's prediction guardrails from monitoring's own data and code: both versions' captured traffic over the
/// period is read once each (<see cref="CapturedWindow"/>) into sketches of the predicted label or value, the candidate's
/// compared with the baseline's by the drift check's PSI (<see cref="DriftAnalyzer"/> with the method fixed to
/// <c>psi</c>: Evidently's binning, exact or from sketches); the feedback labels of the period are joined to each side's
/// predictions as monitoring checks join them, and each side's live metric computed the same way.
/// </summary>
public sealed class RolloutPredictionComparer(
    ModelRegistry registry,
    ICaptureStore captures,
    IFeedbackStore feedback,
    DriftAnalyzer analyzer,
    IOptions<MonitoringOptions> options,
    TrafficCapture? capture = null) : IPredictionComparer
{
    private static readonly DriftSettings Psi = new()
    {
        Numeric = new KindDriftSettings { Method = DriftMethods.Name(DriftMethod.Psi) },
        Categorical = new KindDriftSettings { Method = DriftMethods.Name(DriftMethod.Psi) },
    };

    public async Task<PredictionComparison> CompareAsync(PredictionComparisonRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (capture is not null)
        {
            await capture.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var candidate = PredictionColumns.Of(await registry.GetVersionAsync(request.Model, request.Candidate, cancellationToken).ConfigureAwait(false));
        var baseline = PredictionColumns.Of(await registry.GetVersionAsync(request.Model, request.Baseline, cancellationToken).ConfigureAwait(false));
        var window = new ReportWindow(request.From, request.To);
        var labels = await FeedbackJoin.LoadLabelsAsync(feedback, request.Model, window, options.Value.FeedbackLookback, cancellationToken).ConfigureAwait(false);

        var column = candidate.Prediction is { } name && name == baseline.Prediction ? name : null;
        var schema = new MonitoringSchema
        {
            Columns = column is null ? [] : [new MonitoredColumn { Name = column, Kind = column == candidate.Value ? ColumnKind.Numeric : ColumnKind.Categorical }],
        };
        var baselineSketch = new DatasetSketch(schema);
        var (baselineRows, baselineJoined) = await CapturedWindow.ReadAsync(captures, request.Model, request.Baseline, window, baselineSketch, baseline, labels, cancellationToken).ConfigureAwait(false);
        var baselineProfile = baselineSketch.ToProfile();
        var candidateSketch = new DatasetSketch(schema, reference: baselineProfile);
        var (candidateRows, candidateJoined) = await CapturedWindow.ReadAsync(captures, request.Model, request.Candidate, window, candidateSketch, candidate, labels, cancellationToken).ConfigureAwait(false);

        var comparison = new PredictionComparison { Column = column, CandidateRows = candidateRows, BaselineRows = baselineRows };
        if (column is null)
        {
            comparison = comparison with { PsiNote = "The two versions have no common prediction column (a predicted label or a single value) to compare." };
        }
        else if (candidateRows > 0 && baselineRows > 0)
        {
            var drift = analyzer.Analyze(baselineProfile, candidateSketch.ToProfile(), Psi).Columns.Single();
            comparison = comparison with { Psi = drift.Statistic, PsiNote = drift.Note };
        }
        else
        {
            comparison = comparison with { PsiNote = "A version has no captured predictions in the period." };
        }

        var settings = new LiveQualitySettings { Metric = request.QualityMetric, MinRows = 1 };
        var baselineQuality = FeedbackJoin.Judge(baselineJoined, baseline, null, settings);
        var candidateQuality = FeedbackJoin.Judge(candidateJoined, candidate, null, settings);
        var metric = candidateQuality?.Metric ?? baselineQuality?.Metric;
        return comparison with
        {
            QualityMetric = metric,
            CandidateLabels = candidateJoined.Count,
            BaselineLabels = baselineJoined.Count,
            CandidateQuality = Value(candidateQuality),
            BaselineQuality = Value(baselineQuality),
            QualityNote = metric is null ? "The joined labels could not be scored (no probabilities or predicted values captured with them)."
                : Value(candidateQuality) is null || Value(baselineQuality) is null ? $"The {metric} of a side is undefined (no labels joined, a single class among them, or a metric of another task)."
                : null,
        };
    }

    private static double? Value(LiveQualityReport? report) =>
        report is not null && report.Metrics.TryGetValue(report.Metric, out var value) && !double.IsNaN(value) ? value : null;
}
