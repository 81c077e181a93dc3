using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelOps.Functions.Http;
using ModelOps.Retraining;
using ModelOps.Storage;
using ModelOps.Testing;

namespace ModelOps.Functions.Tests.Support;

/// <summary>
/// The Functions app as its Program composes it (<see cref="FunctionsServiceCollectionExtensions.AddModelOpsFunctions"/>
/// against Azurite, on storage names of its own), with Durable Functions played by the in-process test host: its
/// registry runs the app's orchestrator and activity functions, its client is what a <c>[DurableClient]</c> binding hands
/// the app's functions, and both convert payloads with the app's worker serializer.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    public const string AdminKey = "functions-test-admin-key";
    public const string ApiKey = "functions-test-api-key";

    private readonly IHost _host;
    private readonly DurableTaskTestHost _durable;

    private FunctionsApp(IHost host, DurableTaskTestHost durable, string connectionString)
    {
        _host = host;
        _durable = durable;
        ConnectionString = connectionString;
    }

    /// <summary>The storage account's connection string (Azurite's).</summary>
    public string ConnectionString { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The Durable Functions client a <c>[DurableClient]</c> binding would give.</summary>
    public DurableTaskClient Durable => _durable.Client;

    /// <summary>This app's storage layout (its names carry the test's prefix).</summary>
    public StorageNames StorageNames => Services.GetRequiredService<StorageAccount>().Names;

    public static async Task<FunctionsApp> StartAsync(
        AzuriteFixture azurite,
        Action<DurableTaskRegistry>? moreTasks = null,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var prefix = AzuriteFixture.UniquePrefix();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ModelOps:AdminKey"] = AdminKey,
            ["ModelOps:ApiKey"] = ApiKey,
            ["ModelOps:Storage:NamePrefix"] = prefix,
            ["ModelOps:Retraining:WorkDirectory"] = Path.Combine(Path.GetTempPath(), "modelops-functions-tests", prefix),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddModelOpsFunctions(builder.Configuration);

        // What the worker's ASP.NET Core web host has registered for the HTTP pipeline's routing.
        builder.Services.TryAddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        var host = builder.Build();
        await host.StartAsync();

        var converter = new ObjectSerializerDataConverter(host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!);
        var inputTypes = new DurableTaskRegistry().AddRetraining().GetOrchestrators()
            .ToDictionary(o => o.Key.Name, o => o.Value(host.Services).InputType, StringComparer.Ordinal);
        var durable = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                registry.AddFunctions(host.Services, inputTypes);
                moreTasks?.Invoke(registry);
            },
            new DurableTaskTestHostOptions
            {
                Port = FreePort(),
                ConfigureServices = services =>
                {
                    services.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
                    services.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
                },
            });
        return new FunctionsApp(host, durable, azurite.ConnectionString);
    }

    /// <summary>A function class as the worker makes it for an invocation.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public HttpFunctions Http => Function<HttpFunctions>();

    /// <summary>The management function, with the client its <c>[DurableClient]</c> binding would give.</summary>
    public Func<HttpRequest, Task<IResult>> Management => request => Http.ManagementAsync(request, Durable);

    public async ValueTask DisposeAsync()
    {
        await _durable.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
