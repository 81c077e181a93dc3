using System.ComponentModel.DataAnnotations;

namespace ModelOps.Inference.Jobs.Queue;

/// <summary>
/// The local host's listener on <c>modelops-inference</c> (section <c>ModelOps:Inference:Queue</c>), with the rules and
/// defaults of the Functions queue trigger (host.json <c>extensions.queues</c>) where it has them.
/// </summary>
public sealed class InferenceQueueOptions
{
    /// <summary>Whether the local host listens at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// After this many failed attempts a message moves to <c>modelops-inference-poison</c> (Functions' <c>maxDequeueCount</c>).
    /// Default 5.
    /// </summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a message that failed stays hidden before its next attempt (Functions' <c>visibilityTimeout</c>). Default 0.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long a received message stays hidden while it is processed; a host killed mid-message lets it reappear after
    /// this. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages received per call (Functions' <c>batchSize</c>; the queue service allows at most 32). Default 16.</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Messages processed at once by this host. Default 32 (Functions: <c>batchSize</c> plus <c>newBatchThreshold</c> on 2 cores).</summary>
    [Range(1, 1024)]
    public int MaxConcurrentMessages { get; set; } = 32;

    /// <summary>The largest request body an <c>inputBlob</c> may hold. Default 32 MiB.</summary>
    [Range(1024L, 2L * 1024 * 1024 * 1024)]
    public long MaxInputBlobBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The first wait after an empty receive; each further empty receive doubles it. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between receives of an idle queue (Functions' <c>maxPollingInterval</c>, 1 min there). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
