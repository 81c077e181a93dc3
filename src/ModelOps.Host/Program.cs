using ModelOps.Host;
using ModelOps.Host.Configuration;
using ModelOps.Http;

var builder = WebApplication.CreateBuilder(args);

// Settings follow the Functions conventions: local.settings.json's Values, overridden by environment variables and arguments.
builder.Configuration.AddFunctionsLocalSettings(Path.Combine(builder.Environment.ContentRootPath, "local.settings.json"));
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

// Requests Kestrel rejects before any middleware runs get the same JSON error body as every other error.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseJsonErrorBodies()));

// Per-request framework logs cost throughput and say nothing the error middleware does not; the Durable Task engine
// logs every queue and lease step at Information, which our own engine and run logs summarise.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
builder.Services.AddModelOpsHost(builder.Configuration);

var app = builder.Build();
app.UseModelOpsHost();
app.Run();

/// <summary>The host's entry point; public so end-to-end tests can start it.</summary>
public partial class Program;
