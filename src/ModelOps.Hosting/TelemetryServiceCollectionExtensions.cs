using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Access;
using ModelOps.Http.Security;
using ModelOps.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModelOps.Hosting;

/// <summary>
/// OpenTelemetry for both hosts: traces of HTTP (ASP.NET Core, HttpClient), storage calls (the Azure SDK's
/// <c>Azure.*</c> sources, switched on here), workflow steps and monitoring checks (<c>ModelOps</c>); metrics of HTTP,
/// the runtime and ModelOps' own meter (inference requests, errors, latency, batch size, model loads, cache hits,
/// capture). Exporters by configuration: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is, and a Prometheus scrape endpoint the host maps with
/// <see cref="MapModelOpsTelemetry"/>.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Azure SDK emits its ActivitySource spans (<c>Azure.*</c>) only with this switch on.</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    public static IServiceCollection AddModelOpsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TelemetryOptions();
        configuration.GetSection("ModelOps:Telemetry").Bind(options);
        services.Configure<TelemetryOptions>(configuration.GetSection("ModelOps:Telemetry"));
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ModelOpsTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        // Spans only where something exports them: without an exporter every request and storage call would still
        // build and sample a span for nobody.
        if (otlp || azureMonitor)
        {
            AppContext.SetSwitch(AzureActivitySourceSwitch, true);
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ModelOpsTelemetry.Name, "Azure.*").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        }

        if (azureMonitor)
        {
            telemetry.UseAzureMonitor(monitor => monitor.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        }

        return services;
    }

    /// <summary>
    /// Maps the Prometheus scrape endpoint <c>/metrics</c> when enabled; it needs Read on all models (its series name every
    /// model; see <see cref="TelemetryOptions.Prometheus"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapModelOpsTelemetry(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (routes.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            routes.MapPrometheusScrapingEndpoint().RequirePermission(Permission.Read);
        }

        return routes;
    }
}
