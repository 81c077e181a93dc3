using System.ComponentModel.DataAnnotations;

namespace ModelOps.Retraining;

/// <summary>Settings of retraining (section <c>ModelOps:Retraining</c>). Plain data with documented defaults.</summary>
public sealed class RetrainingOptions
{
    /// <summary>Training configurations, register markers, schedules. Default <c>modelopsretraining</c>.</summary>
    [Required]
    [RegularExpression("^modelops[A-Za-z0-9]{0,55}$")]
    public string TableName { get; set; } = "modelopsretraining";

    /// <summary>One receipt per blob version that started a run. Default <c>modelopsblobreceipts</c>.</summary>
    [Required]
    [RegularExpression("^modelops[A-Za-z0-9]{0,55}$")]
    public string ReceiptTableName { get; set; } = "modelopsblobreceipts";

    /// <summary>Where training data is dropped: <c>{container}/{model}/{any}.csv</c>. Default <c>training-data</c>.</summary>
    [Required]
    public string DataContainer { get; set; } = "training-data";

    /// <summary>Schemas and baseline statistics per version: <c>baselines/{model}/{version}/</c>. Default <c>baselines</c>.</summary>
    [Required]
    public string BaselineContainer { get; set; } = "baselines";

    /// <summary>Run reports and candidates: <c>reports/{model}/{runId}/</c>. Default <c>reports</c>.</summary>
    [Required]
    public string ReportContainer { get; set; } = "reports";

    /// <summary>How often the blob watcher lists <see cref="DataContainer"/>. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often schedules are checked. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the blob watcher and the scheduler run in this process. Default true.</summary>
    public bool EnableTriggers { get; set; } = true;

    /// <summary>Local scratch space for downloaded data and external trainers. Default: the temp folder.</summary>
    public string? WorkDirectory { get; set; }
}
