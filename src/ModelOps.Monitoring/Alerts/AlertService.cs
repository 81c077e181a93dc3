using System.Globalization;
using Microsoft.Extensions.Logging;
using ModelOps.Monitoring.Reports;
using ModelOps.Monitoring.Retraining;
using ModelOps.Monitoring.Settings;

namespace ModelOps.Monitoring.Alerts;

/// <summary>
/// Raises the alerts a report calls for (drift, degradation, data-quality issues): once per kind and version within
/// the model's de-duplication window, posted to each of its webhooks, and recorded in the history whatever the outcome.
/// A webhook that fails is recorded as failed; checks go on.
/// </summary>
public sealed class AlertService
{
    private readonly IAlertStore _store;
    private readonly IMonitoringLedger _ledger;
    private readonly WebhookSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertService> _logger;

    public AlertService(IAlertStore store, IMonitoringLedger ledger, WebhookSender sender, TimeProvider time, ILogger<AlertService> logger)
    {
        _store = store;
        _ledger = ledger;
        _sender = sender;
        _time = time;
        _logger = logger;
    }

    /// <summary>The alerts <paramref name="report"/> calls for: kind and message.</summary>
    public static IReadOnlyList<(string Kind, string Message)> For(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var alerts = new List<(string, string)>();
        if (report.DatasetDrift)
        {
            alerts.Add((AlertKinds.Drift, string.Create(
                CultureInfo.InvariantCulture,
                $"Dataset drift in model '{report.Model}' version {report.Version}: {report.DriftedColumns} of {report.Columns.Count(c => !c.Skipped)} columns drifted ({report.DriftedShare:P0}; threshold {report.DriftShareThreshold:P0}): {string.Join(", ", report.Columns.Where(c => c.Drifted).Select(c => c.Name))}.")));
        }

        if (report.Quality is { Degraded: true } quality)
        {
            alerts.Add((AlertKinds.Degradation, $"Quality of model '{report.Model}' version {report.Version} degraded: {quality.Reason}"));
        }

        if (report.DataQuality is { ColumnsWithIssues: > 0 } dataQuality)
        {
            alerts.Add((AlertKinds.DataQuality, $"Data-quality issues in model '{report.Model}' version {report.Version}: " +
                string.Join("; ", dataQuality.Columns.Where(c => c.Issues.Count > 0).Take(5).Select(c => $"{c.Name}: {string.Join(", ", c.Issues)}"))));
        }

        return alerts;
    }

    /// <summary>Raises the report's alerts; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> RaiseAsync(MonitoringReport report, MonitoringSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(settings);
        var ids = new List<string>();
        foreach (var (kind, message) in For(report))
        {
            var alert = new AlertEvent($"{report.Id}-{kind}", report.Model, report.Version, kind, message)
            {
                ReportId = report.Id,
                Details = new Dictionary<string, object?>
                {
                    ["reportId"] = report.Id,
                    ["report"] = $"/api/models/{report.Model}/monitoring/{report.Id}",
                    ["window"] = report.Window,
                    ["datasetDrift"] = report.DatasetDrift,
                    ["driftedShare"] = report.DriftedShare,
                    ["degraded"] = report.Quality?.Degraded ?? false,
                },
            };
            ids.Add(await RaiseAsync(alert, settings, cancellationToken).ConfigureAwait(false));
        }

        return ids;
    }

    /// <summary>
    /// Raises one alert (a monitoring report's, or a rollout's guardrail breach): claimed once per kind and version
    /// within the model's de-duplication window, posted to each webhook with its details, recorded in the history.
    /// Returns its id.
    /// </summary>
    public async Task<string> RaiseAsync(AlertEvent alert, MonitoringSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(settings);
        var now = _time.GetUtcNow();
        var key = string.Create(CultureInfo.InvariantCulture, $"{alert.Kind}-v{alert.Version}");
        string status;
        var deliveries = new List<WebhookDelivery>();
        if (!await _ledger.TryClaimAlertAsync(alert.Model, key, now, settings.AlertDeduplication, cancellationToken).ConfigureAwait(false))
        {
            status = "deduplicated";
        }
        else if (settings.Webhooks.Count == 0)
        {
            status = "noWebhooks";
        }
        else
        {
            var payload = new Dictionary<string, object?>
            {
                ["id"] = alert.Id,
                ["model"] = alert.Model,
                ["version"] = alert.Version,
                ["kind"] = alert.Kind,
                ["message"] = alert.Message,
            };
            foreach (var (name, value) in alert.Details)
            {
                payload[name] = value;
            }

            payload["createdAt"] = now;
            foreach (var url in settings.Webhooks)
            {
                var delivery = await _sender.SendAsync(url, payload, cancellationToken).ConfigureAwait(false);
                if (!delivery.Delivered)
                {
                    Log.WebhookFailed(_logger, delivery.Url, alert.Model, delivery.Attempts, delivery.Error ?? "failed");
                }

                deliveries.Add(delivery);
            }

            status = deliveries.All(d => d.Delivered) ? "sent" : "failed";
        }

        await _store.AddAsync(
            new AlertRecord
            {
                Id = alert.Id,
                Model = alert.Model,
                Version = alert.Version,
                Kind = alert.Kind,
                ReportId = alert.ReportId,
                Rollout = alert.Rollout,
                CreatedAt = now,
                Message = alert.Message,
                Status = status,
                Deliveries = deliveries,
            },
            cancellationToken).ConfigureAwait(false);
        Log.AlertRaised(_logger, alert.Id, alert.Kind, alert.Model, status, deliveries.Count);
        return alert.Id;
    }
}
