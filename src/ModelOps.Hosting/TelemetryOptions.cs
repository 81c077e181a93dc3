namespace ModelOps.Hosting;

/// <summary>Telemetry settings (section <c>ModelOps:Telemetry</c>); exporters also follow OpenTelemetry's own variables.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The service name traces and metrics carry. Default <c>modelops</c>.</summary>
    public string ServiceName { get; set; } = "modelops";

    /// <summary>
    /// Whether the Prometheus scrape endpoint <c>/metrics</c> is served (by hosts that map it: the local host). Its series
    /// name every model, so it needs Read on all models like the model list: a key (Prometheus: <c>params: {code: [KEY]}</c>)
    /// or a bearer token (<c>authorization: {credentials: TOKEN}</c>). Default true.
    /// </summary>
    public bool Prometheus { get; set; } = true;
}
