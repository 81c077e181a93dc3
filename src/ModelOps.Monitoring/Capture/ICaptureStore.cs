namespace ModelOps.Monitoring.Capture;

/// <summary>Where captured traffic is kept: Parquet files per model version and hour.</summary>
public interface ICaptureStore
{
    Task WriteAsync(CaptureFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The files of one hour of one version (none when there are none).</summary>
    IAsyncEnumerable<CaptureFile> ListAsync(string model, int version, DateTimeOffset hour, CancellationToken cancellationToken = default);

    /// <summary>A file's bytes; null when it is gone.</summary>
    Task<byte[]?> ReadAsync(CaptureFile file, CancellationToken cancellationToken = default);
}
