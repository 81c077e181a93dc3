namespace ModelOps.Http;

/// <summary>Limits of the HTTP surface.</summary>
public sealed class HttpOptions
{
    /// <summary>Largest request body a JSON route accepts; larger ones get 413. Default 32 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest ONNX file a registration accepts; larger ones get 413. Default 1 GiB.</summary>
    public long MaxModelBytes { get; set; } = 1024L * 1024 * 1024;
}
