using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Quality;
using ModelOps.Retraining;

namespace ModelOps.Monitoring.Settings;

/// <summary>
/// How one model is monitored (<c>GET/PUT /api/models/{model}/monitoring/settings</c>). Every field is optional with
/// the default shown; a model without settings is monitored with all defaults.
/// </summary>
public sealed record MonitoringSettings : IValidatableObject
{
    /// <summary>The default schedule: hourly, on the hour.</summary>
    public const string HourlySchedule = "0 0 * * * *";

    /// <summary>When checks run: six-field cron (second minute hour day month day-of-week). Default hourly.</summary>
    [Required]
    public string Schedule { get; init; } = HourlySchedule;

    /// <summary>The IANA time zone the schedule is read in. Default UTC.</summary>
    public string? ScheduleTimeZone { get; init; }

    /// <summary>The share of requests captured, 0 (none) to 1 (all). Default null: the host's default (1 locally).</summary>
    [Range(0.0, 1.0)]
    public double? CaptureShare { get; init; }

    /// <summary>Methods and thresholds per column kind, drift share, sketch sizes and data-quality limits.</summary>
    [Required]
    [ValidateObjectMembers]
    public DriftSettings Drift { get; init; } = new();

    /// <summary>When live quality (labels joined to predictions) is a degradation.</summary>
    [Required]
    [ValidateObjectMembers]
    public LiveQualitySettings Quality { get; init; } = new();

    /// <summary>What drift or degradation does besides the report: nothing, alert, or alert and retrain.</summary>
    [Required]
    [ValidateObjectMembers]
    public RetrainPolicy RetrainPolicy { get; init; } = new();

    /// <summary>Where alerts are posted (http or https URLs). Default none.</summary>
    [Required]
    public IReadOnlyList<Uri> Webhooks { get; init; } = [];

    /// <summary>The same alert (kind and version) is sent at most once within this time. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan AlertDeduplication { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The parsed schedule.</summary>
    public CronSchedule ParseSchedule() => CronSchedule.Parse(Schedule, ScheduleTimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? scheduleError = null;
        try
        {
            ParseSchedule();
        }
        catch (FormatException exception)
        {
            scheduleError = exception.Message;
        }

        if (scheduleError is not null)
        {
            yield return new ValidationResult(scheduleError, [nameof(Schedule)]);
        }

        foreach (var result in Drift.Validate(validationContext))
        {
            yield return result;
        }

        if (Quality.Metric is { } metric && !Evaluation.MetricNames.IsKnown(metric))
        {
            yield return new ValidationResult(
                $"'quality.metric' '{metric}' is not a metric; the metrics are {string.Join(", ", Evaluation.MetricNames.All)}.", [nameof(Quality)]);
        }

        for (var i = 0; i < Webhooks.Count; i++)
        {
            var url = Webhooks[i];
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"'webhooks[{i}]' ('{url}') must be an absolute http or https URL.", [nameof(Webhooks)]);
            }
        }
    }
}
