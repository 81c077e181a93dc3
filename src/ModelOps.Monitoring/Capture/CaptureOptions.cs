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

    /// <summary>
    /// Rows not yet written at most: those in files being filled and in full ones waiting for storage (a request of n rows
    /// counts n, so a batch job's runs of thousands of rows fill it as fast as their size says). A request that does not
    /// fit is dropped and counted, unless the buffer is empty. Default 100,000: two files of <see cref="MaxRowsPerFile"/>,
    /// one being written while the next fills.
    /// </summary>
    [Range(1, 10_000_000)]
    public int BufferCapacity { get; set; } = 100_000;

    /// <summary>A file is written once it holds this many rows. Default 50,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxRowsPerFile { get; set; } = 50_000;

    /// <summary>
    /// A file is written at the latest this long after its first row (the writer looks every tenth of it, at least every
    /// second). Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How far below the request threads the writer thread runs, as the Linux nice value it sets (absolute: on a host
    /// started at the usual nice 0, that many steps below the requests; 0 to 19; 0: same priority;
    /// elsewhere any value above 0 means below normal). Default 10: on busy cores requests go first, while the writer
    /// still gets about a tenth of a core's share, several times what encoding 20,000 requests a second takes.
    /// </summary>
    [Range(0, 19)]
    public int WriterNice { get; set; } = 10;
}
