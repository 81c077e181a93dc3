using Microsoft.Extensions.DependencyInjection;
using ModelOps.Retraining;
using ModelOps.Workflows;

namespace ModelOps.Functions.Workflows;

/// <summary>Registers the retraining workflow's classes for Durable Functions and the Durable-backed workflow client.</summary>
public static class DurableWorkflowServiceCollectionExtensions
{
    public static IServiceCollection AddDurableWorkflows(this IServiceCollection services)
    {
        services.AddWorkflowRegistrations(workflows => workflows.AddRetrainingWorkflow());
        services.AddDurableTaskClient(builder => builder.UseGrpc());
        services.AddSingleton<IWorkflowClient, DurableWorkflowClient>();
        return services;
    }
}
