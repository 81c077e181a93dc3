using System.ComponentModel.DataAnnotations;

namespace ModelOps.Monitoring.Capture;

/// <summary>How traffic capture buffers and writes (section <c>ModelOps:Monitoring:Capture</c>).</summary>
public sealed class CaptureOptions
{
    /// <summary>Whether requests are captured at all on this host. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of requests captured for a model whose settings name none. Default 1 (all).</summary>
    [Range(0.0, 1.0)]
    public double DefaultShare { get; set; } = 1.0;

    /// <summary>Requests waiting to be written at most; beyond, new ones are dropped and counted. Default 20,000.</summary>
    [Range(1, 10_000_000)]
    public int BufferCapacity { get; set; } = 20_000;

    /// <summary>How often the writer takes what is buffered (the buffer must hold this long's traffic). Default 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan DrainInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A file is written once it holds this many rows. Default 50,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxRowsPerFile { get; set; } = 50_000;

    /// <summary>A file is written at the latest this long after its first row. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);
}
