namespace ModelOps.Hosting;

/// <summary>Telemetry settings (section <c>ModelOps:Telemetry</c>); exporters also follow OpenTelemetry's own variables.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The service name traces and metrics carry. Default <c>modelops</c>.</summary>
    public string ServiceName { get; set; } = "modelops";

    /// <summary>
    /// Whether the Prometheus scrape endpoint <c>/metrics</c> is served (by hosts that map it: the local host). It takes no
    /// key, like Prometheus' usual targets: the local host listens on loopback by default; turn it off (false) where the
    /// host is reachable by others and metrics should not be. Default true.
    /// </summary>
    public bool Prometheus { get; set; } = true;
}
