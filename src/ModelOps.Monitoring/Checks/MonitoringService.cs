using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Evaluation;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Reports;
using ModelOps.Monitoring.Retraining;
using ModelOps.Monitoring.Settings;
using ModelOps.Registry;
using ModelOps.Retraining;
using ModelOps.Telemetry;

namespace ModelOps.Monitoring.Checks;

/// <summary>
/// Runs monitoring checks. A check of a model's window reads the version's captured traffic once into sketches,
/// compares it with the version's reference (<see cref="DriftAnalyzer"/>), joins feedback labels for live quality,
/// stores the report, raises alerts and applies the retrain policy. <see cref="RunDueChecksAsync"/> is the one call a
/// timer makes (the local host's, or a timer function on Azure): every model whose schedule is due is checked once,
/// however many hosts tick.
/// </summary>
public sealed class MonitoringService
{
    private readonly ModelRegistry _registry;
    private readonly IBaselineStore _baselines;
    private readonly ICaptureStore _captures;
    private readonly IMonitoringReportStore _reports;
    private readonly IFeedbackStore _feedback;
    private readonly IMonitoringLedger _ledger;
    private readonly MonitoringSettingsService _settings;
    private readonly AlertService _alerts;
    private readonly RetrainingService _retraining;
    private readonly TrainingConfigurations _configurations;
    private readonly DriftAnalyzer _analyzer;
    private readonly TrafficCapture? _capture;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly MonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MonitoringService> _logger;

    public MonitoringService(
        ModelRegistry registry,
        IBaselineStore baselines,
        ICaptureStore captures,
        IMonitoringReportStore reports,
        IFeedbackStore feedback,
        IMonitoringLedger ledger,
        MonitoringSettingsService settings,
        AlertService alerts,
        RetrainingService retraining,
        TrainingConfigurations configurations,
        DriftAnalyzer analyzer,
        IOptions<MonitoringOptions> options,
        TimeProvider time,
        ILogger<MonitoringService> logger,
        TrafficCapture? capture = null,
        IHostApplicationLifetime? lifetime = null)
    {
        _registry = registry;
        _baselines = baselines;
        _captures = captures;
        _reports = reports;
        _feedback = feedback;
        _ledger = ledger;
        _settings = settings;
        _alerts = alerts;
        _retraining = retraining;
        _configurations = configurations;
        _analyzer = analyzer;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _capture = capture;
        _lifetime = lifetime;
    }

    /// <summary>
    /// The window a check covers when none is given: the schedule's last interval, ending at <paramref name="end"/>
    /// (for an hourly schedule, the hour before).
    /// </summary>
    public static ReportWindow DefaultWindow(MonitoringSettings settings, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var schedule = settings.ParseSchedule();
        var next = schedule.GetNextOccurrence(end);
        var after = next is { } n ? schedule.GetNextOccurrence(n) : null;
        var interval = next is { } a && after is { } b ? b - a : TimeSpan.FromHours(1);
        return new ReportWindow(end - interval, end);
    }

    /// <summary>
    /// Starts a check of <paramref name="model"/> now (on demand) and returns its report id at once; the check goes on
    /// in the background (tied to the host's lifetime, not the caller's request). Unknown models are a 404 here.
    /// </summary>
    public async Task<StartedCheck> StartCheckAsync(string model, ReportWindow? window, int? version, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        if (window is { } w && w.From >= w.To)
        {
            throw ModelOpsException.Invalid("The window's 'from' must be before its 'to'.");
        }

        var resolved = version is int v
            ? await _registry.GetVersionAsync(model, v, cancellationToken).ConfigureAwait(false)
            : await _registry.ResolveAliasAsync(model, ModelRegistry.ChampionAlias, cancellationToken).ConfigureAwait(false);
        var (settings, _) = await _settings.GetAsync(model, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        window ??= DefaultWindow(settings, now);
        var id = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMddTHHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var check = new Check(id, resolved, settings, window, CheckTriggers.Manual, now);
        await _reports.SetSummaryAsync(check.Report(ReportStatus.Running).ToSummary(), cancellationToken).ConfigureAwait(false);
        var stopping = _lifetime?.ApplicationStopping ?? CancellationToken.None;
        var completion = Task.Run(() => RunAsync(check, flush: true, stopping), stopping);
        return new StartedCheck(id, completion);
    }

    /// <summary>Runs a check to its end (tests and tools; the routes use <see cref="StartCheckAsync"/>).</summary>
    public async Task<MonitoringReport> RunCheckAsync(string model, ReportWindow? window = null, int? version = null, CancellationToken cancellationToken = default)
    {
        var started = await StartCheckAsync(model, window, version, cancellationToken).ConfigureAwait(false);
        return await started.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks every registered model whose schedule is due at <paramref name="now"/>, each over the interval that ended
    /// at its fire time; returns the report ids. The fire time is claimed in the ledger first (an ETag write), so several
    /// hosts ticking together run each check once; report ids derive from the fire time. A model seen for the first
    /// time (or whose schedule changed) gets its next fire time and is checked then. A missed schedule fires once.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunDueChecksAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var done = new List<string>();
        foreach (var model in await _registry.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (await RunIfDueAsync(model.Name, now, cancellationToken).ConfigureAwait(false) is { } id)
                {
                    done.Add(id);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.DueCheckFailed(_logger, model.Name, exception);
            }
        }

        return done;
    }

    private async Task<string?> RunIfDueAsync(string model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (settings, _) = await _settings.GetAsync(model, cancellationToken).ConfigureAwait(false);
        var schedule = settings.ParseSchedule();
        var key = settings.ScheduleTimeZone is { Length: > 0 } zone ? $"{settings.Schedule} @ {zone}" : settings.Schedule;
        var state = await _ledger.GetScheduleAsync(model, cancellationToken).ConfigureAwait(false);
        var next = schedule.GetNextOccurrence(now) ?? DateTimeOffset.MaxValue;
        if (state is null || state.Expression != key)
        {
            await _ledger.TrySetScheduleAsync(model, key, next, state?.ETag, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (now < state.NextFire || !await _ledger.TrySetScheduleAsync(model, key, next, state.ETag, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        ModelVersion version;
        try
        {
            version = await _registry.ResolveAliasAsync(model, ModelRegistry.ChampionAlias, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            return null; // No version to watch yet.
        }

        var fire = state.NextFire;
        var window = DefaultWindow(settings, fire);
        var id = string.Create(CultureInfo.InvariantCulture, $"{fire.UtcDateTime:yyyyMMddTHHmmss}-schedule");
        var check = new Check(id, version, settings, window, CheckTriggers.Schedule, now);
        await _reports.SetSummaryAsync(check.Report(ReportStatus.Running).ToSummary(), cancellationToken).ConfigureAwait(false);
        await RunAsync(check, flush: false, cancellationToken).ConfigureAwait(false);
        return id;
    }

    private async Task<MonitoringReport> RunAsync(Check check, bool flush, CancellationToken cancellationToken)
    {
        var (id, version, settings, _, trigger, _) = check;
        var model = version.Name;
        using var activity = ModelOpsTelemetry.ActivitySource.StartActivity("monitoring.check");
        activity?.SetTag("model", model);
        activity?.SetTag("version", version.Version);
        activity?.SetTag("report", id);
        MonitoringReport report;
        try
        {
            if (flush && _capture is not null)
            {
                await _capture.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            report = await CheckAsync(check, cancellationToken).ConfigureAwait(false);
            await _reports.SaveAsync(report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CheckFailed(_logger, id, model, exception);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            report = check.Report(ReportStatus.Failed) with
            {
                Note = exception is ModelOpsException ? exception.Message : $"The check failed: {exception.GetType().Name}: {exception.Message}",
            };
            await _reports.SaveAsync(report, CancellationToken.None).ConfigureAwait(false);
            return report;
        }

        Log.CheckCompleted(_logger, id, model, version.Version, trigger, report.Status, report.CurrentRows, report.DatasetDrift, report.Quality?.Degraded ?? false);
        if (settings.RetrainPolicy.Mode == RetrainMode.Off || report.Status != ReportStatus.Completed)
        {
            return report;
        }

        // What the report leads to: alerts, then (policy permitting) a retraining run. Failures here are recorded and
        // logged by those steps; the report stands.
        var alerts = await _alerts.RaiseAsync(report, settings, cancellationToken).ConfigureAwait(false);
        var retraining = settings.RetrainPolicy.Mode == RetrainMode.Retrain ? await RetrainAsync(report, settings, cancellationToken).ConfigureAwait(false) : null;
        if (alerts.Count > 0 || retraining is not null)
        {
            report = report with { Alerts = alerts, Retraining = retraining };
            await _reports.SaveAsync(report, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    private async Task<MonitoringReport> CheckAsync(Check check, CancellationToken cancellationToken)
    {
        var (_, version, settings, window, _, _) = check;
        var report = check.Report(ReportStatus.Completed);
        var reference = await MonitoringReference.LoadAsync(_baselines, version.Name, version.Version, cancellationToken).ConfigureAwait(false);
        if (reference is null)
        {
            return report with
            {
                Status = ReportStatus.NoReference,
                Note = $"Version {version.Version} has no reference: its baseline holds neither {RetrainingFiles.Reference} nor {RetrainingFiles.Statistics} (a version registered by hand). Versions registered by retraining have one.",
            };
        }

        var predictions = PredictionColumns.Of(version);
        var (profile, schema) = reference.ForWindow(predictions);
        var sketch = _analyzer.CreateWindow(profile, schema, settings.Drift);
        var labels = await FeedbackJoin.LoadLabelsAsync(_feedback, version.Name, window, _options.FeedbackLookback, cancellationToken).ConfigureAwait(false);
        var (_, joined) = await CapturedWindow.ReadAsync(_captures, version.Name, version.Version, window, sketch, predictions, labels, cancellationToken).ConfigureAwait(false);
        var drift = _analyzer.Analyze(profile, sketch.ToProfile(), settings.Drift, schema);
        var matched = joined.Select(j => FeedbackLabel.JoinKey(j.Label.Id, j.Label.Row)).ToHashSet(StringComparer.Ordinal);
        var unmatched = labels.Values.Count(l => l.ReceivedAt >= window.From && l.ReceivedAt < window.To && !matched.Contains(FeedbackLabel.JoinKey(l.Id, l.Row)));
        return report with
        {
            Reference = reference.Source,
            ReferenceRows = drift.ReferenceRows,
            CurrentRows = drift.CurrentRows,
            Columns = drift.Columns,
            DriftedColumns = drift.DriftedColumns,
            DriftedShare = drift.DriftedShare,
            DriftShareThreshold = drift.DriftShareThreshold,
            DatasetDrift = drift.DatasetDrift,
            DataQuality = drift.DataQuality,
            Quality = FeedbackJoin.Judge(joined, predictions, version.Metrics.Count == 0 ? null : new MetricSet(version.Metrics), settings.Quality),
            Feedback = labels.Count == 0 ? null : new FeedbackSummary(labels.Count, joined.Count, unmatched),
        };
    }

    private async Task<RetrainingOutcome?> RetrainAsync(MonitoringReport report, MonitoringSettings settings, CancellationToken cancellationToken)
    {
        var trigger = report.DatasetDrift ? RetrainingTriggers.Drift : report.Quality is { Degraded: true } ? RetrainingTriggers.Degradation : null;
        if (trigger is null)
        {
            return null;
        }

        string? reason;
        string? runId = null;
        if (await _configurations.GetAsync(report.Model, cancellationToken).ConfigureAwait(false) is null)
        {
            reason = $"Model '{report.Model}' has no training configuration.";
        }
        else
        {
            var policy = settings.RetrainPolicy;
            reason = await _ledger.TryReserveRetrainAsync(report.Model, report.Id, _time.GetUtcNow(), policy.CoolDown, policy.DailyCap, cancellationToken).ConfigureAwait(false);
            if (reason is null)
            {
                runId = await _retraining.StartForMonitoringAsync(report.Model, trigger, report.Id, cancellationToken).ConfigureAwait(false);
                reason = runId is null ? $"Model '{report.Model}' has no training data." : null;
            }
        }

        if (runId is not null)
        {
            Log.RetrainStarted(_logger, report.Id, report.Model, runId, trigger);
        }
        else
        {
            Log.RetrainSkipped(_logger, report.Id, report.Model, reason!);
        }

        return new RetrainingOutcome(trigger, runId, reason);
    }

    /// <summary>One check: its report id, the version and settings, the window, what started it and when.</summary>
    private sealed record Check(string Id, ModelVersion Version, MonitoringSettings Settings, ReportWindow Window, string Trigger, DateTimeOffset CreatedAt)
    {
        public MonitoringReport Report(string status) => new()
        {
            Id = Id,
            Model = Version.Name,
            Version = Version.Version,
            Window = Window,
            Trigger = Trigger,
            CreatedAt = CreatedAt,
            Status = status,
        };
    }
}
