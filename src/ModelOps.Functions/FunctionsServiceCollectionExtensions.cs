using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Functions.Http;
using ModelOps.Functions.Workflows;
using ModelOps.Hosting;
using ModelOps.Serialization;
using ModelOps.Workflows;

namespace ModelOps.Functions;

/// <summary>The Functions app's composition: the shared one, plus what is the app's own.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ModelOpsServiceCollectionExtensions.AddModelOps"/> (every adapter and service, as on the local
    /// host), <see cref="IWorkflowClient"/> over the invocation's Durable Functions client, the HTTP pipeline the HTTP
    /// functions share, and ModelOps's JSON as the worker's serializer.
    /// </summary>
    /// <remarks>
    /// The worker's serializer is also Durable Functions' payload format: the extension builds its DataConverter from
    /// <see cref="WorkerOptions.Serializer"/> (a converter set on its own is overwritten), because activity inputs are
    /// bound with that serializer. So orchestration inputs, outputs and custom status are the same camelCase JSON the
    /// local engine writes (<c>WorkflowJson</c>).
    /// </remarks>
    public static IServiceCollection AddModelOpsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModelOps(configuration);
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(ModelOpsJson.Options));
        services.AddRouting();
        services.AddSingleton<ModelOpsPipeline>();
        services.AddSingleton<DurableClientAccessor>();
        services.AddSingleton<IWorkflowClient, DurableFunctionsWorkflowClient>();
        return services;
    }
}
