using ModelOps.Retraining;

namespace ModelOps.Monitoring.Retraining;

/// <summary>
/// The small shared state monitoring keeps per model so several hosts agree: the schedule's next fire time, when each
/// alert was last sent (de-duplication) and the runs the retrain policy started (cool-down and daily cap).
/// </summary>
public interface IMonitoringLedger
{
    Task<ScheduleState?> GetScheduleAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Sets the schedule state: adds it when <paramref name="ifMatch"/> is null, else only over that ETag; false when another host won.</summary>
    Task<bool> TrySetScheduleAsync(string model, string expression, DateTimeOffset nextFire, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Claims the sending of alert <paramref name="key"/>: true unless it was claimed within <paramref name="window"/> before <paramref name="now"/>.</summary>
    Task<bool> TryClaimAlertAsync(string model, string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves a retraining run for report <paramref name="reportId"/>: granted (null) unless a run started within the
    /// cool-down or the day's cap is reached (the reason). The same report asks again: granted again.
    /// </summary>
    Task<string?> TryReserveRetrainAsync(string model, string reportId, DateTimeOffset now, TimeSpan coolDown, int dailyCap, CancellationToken cancellationToken = default);
}
