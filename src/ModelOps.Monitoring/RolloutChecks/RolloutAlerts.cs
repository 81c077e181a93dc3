using System.Globalization;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Settings;
using ModelOps.Rollouts;

namespace ModelOps.Monitoring.RolloutChecks;

/// <summary>
/// A rollout's guardrail breach as a monitoring alert (kind <c>guardrail</c>): through the model's alert settings, so
/// it is de-duplicated per candidate version, posted to the model's webhooks and listed in its alert history.
/// </summary>
public sealed class RolloutAlerts(AlertService alerts, MonitoringSettingsService settings) : IRolloutAlerts
{
    public async Task<string> RaiseAsync(Rollout rollout, GuardrailReading breach, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(breach);
        var (modelSettings, _) = await settings.GetAsync(rollout.Model, cancellationToken).ConfigureAwait(false);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Rollout {rollout.Id} of model '{rollout.Model}' rolled version {rollout.Version} back to {rollout.Baseline}: {rollout.Reason}");
        var alert = new AlertEvent(rollout.Id + "-" + AlertKinds.Guardrail, rollout.Model, rollout.Version, AlertKinds.Guardrail, message)
        {
            Rollout = rollout.Id,
            Details = new Dictionary<string, object?>
            {
                ["rollout"] = rollout.Id,
                ["baseline"] = rollout.Baseline,
                ["status"] = rollout.Status.ToString(),
                ["guardrail"] = breach,
                ["link"] = $"/api/models/{rollout.Model}/rollouts/{rollout.Id}",
            },
        };
        return await alerts.RaiseAsync(alert, modelSettings, cancellationToken).ConfigureAwait(false);
    }
}
