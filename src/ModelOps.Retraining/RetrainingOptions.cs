using System.ComponentModel.DataAnnotations;

namespace ModelOps.Retraining;

/// <summary>Settings of retraining (section <c>ModelOps:Retraining</c>). Plain data with documented defaults.</summary>
public sealed class RetrainingOptions
{
    /// <summary>How often the local host's watcher lists the training data. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the local host checks schedules. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the blob watcher and the scheduler run in this process. Default true.</summary>
    public bool EnableTriggers { get; set; } = true;

    /// <summary>Local scratch space for downloaded data and external trainers. Default: the temp folder.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>
    /// The external trainers a training configuration may name, by name (<c>ModelOps:Retraining:ExternalTrainers:{name}</c>).
    /// Empty by default: without an entry here, <c>"trainer": "external"</c> is refused.
    /// </summary>
    public Dictionary<string, ExternalTrainerOptions> ExternalTrainers { get; set; } = new(StringComparer.Ordinal);
}
