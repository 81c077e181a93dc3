using System.ComponentModel.DataAnnotations;

namespace ModelOps.DurableTask;

/// <summary>
/// Settings of the local Durable Task engine (DurableTask.AzureStorage in the account of <c>AzureWebJobsStorage</c>),
/// chosen for one or a few local hosts; the defaults and their reasons are in README.md.
/// </summary>
public sealed class DurableEngineOptions
{
    /// <summary>
    /// The task hub: the prefix of the engine's queues, tables and lease container. Functions' <c>hubName</c> in
    /// host.json; the same name on both hosts shares the runs. 3–45 letters and digits, starting with a letter.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "TaskHubName must be 3-45 letters and digits, starting with a letter.")]
    public string TaskHubName { get; set; } = "modelops";

    /// <summary>Control-queue partitions: the most hosts that can run orchestrations at once. Default 4.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>This process's name among the hosts sharing the task hub. Default: machine name, process id and a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// The longest an idle host waits between polls of its queues. Runs started in this process wake it at once; runs
    /// started by another process wait up to this long. Default 1 s (about 2 % of a core while idle).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a taken orchestration or activity message stays hidden; a killed host's work reappears after it.
    /// The engine renews it every 5 s while the work runs, so much below 30 s a stalled host (a long GC, a busy machine)
    /// risks a second copy running at once. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:10:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a partition lease lasts unrenewed; a killed host's partitions move after it. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:01:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a host looks for partitions to take. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Activities run at once by this host. Training is CPU-bound: default the number of cores.</summary>
    [Range(1, 256)]
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount;

    /// <summary>Orchestration episodes run at once by this host (they are short). Default 10 per core.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentOrchestrations { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>How often ended runs past the retention are purged. Default hourly.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
