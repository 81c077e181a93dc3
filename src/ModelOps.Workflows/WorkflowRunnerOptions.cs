using System.ComponentModel.DataAnnotations;

namespace ModelOps.Workflows;

/// <summary>Settings of the local durable runner. Plain data; validated at start-up by <see cref="WorkflowRunnerOptionsValidator"/>.</summary>
public sealed class WorkflowRunnerOptions
{
    /// <summary>The table holding instance rows, history, inbox, outbox and steps (one partition per run). Default <c>modelopsworkflows</c>.</summary>
    [Required]
    [RegularExpression("^modelops[A-Za-z0-9]{0,55}$")]
    public string HistoryTableName { get; set; } = "modelopsworkflows";

    /// <summary>The table listing runs newest first, per tag. Default <c>modelopsworkflowindex</c>.</summary>
    [Required]
    [RegularExpression("^modelops[A-Za-z0-9]{0,55}$")]
    public string IndexTableName { get; set; } = "modelopsworkflowindex";

    /// <summary>The queue of work items shared by every runner on the account. Default <c>modelops-workflow-workitems</c>.</summary>
    [Required]
    [RegularExpression("^modelops(-?[a-z0-9])*$")]
    [StringLength(63, MinimumLength = 8)]
    public string WorkItemQueueName { get; set; } = "modelops-workflow-workitems";

    /// <summary>How long an idle runner waits before polling the queue again. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a taken work item stays hidden from other runners; renewed while it is worked on, so it is also how
    /// soon a killed runner's work is picked up elsewhere. Default 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Work items one runner handles at once. Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrentWorkItems { get; set; } = 4;

    /// <summary>Deliveries after which a work item is given up (an activity then fails). Default 20.</summary>
    [Range(2, 1000)]
    public int MaxDequeueCount { get; set; } = 20;

    /// <summary>How long the history of an ended run is kept; the status row and steps stay. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a runner purges expired history. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
