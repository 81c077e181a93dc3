using ModelOps.Provisioning.Access;
using ModelOps.Provisioning.Naming;

namespace ModelOps.Provisioning.Planning;

/// <summary>
/// Every decision about one stack's Azure resources. The Pulumi program in infra/ declares exactly this, nothing more:
/// it maps each part to the provider's resource types and supplies the <see cref="DeployedValue"/>s.
/// </summary>
public sealed record DeploymentPlan
{
    public required string StackName { get; init; }
    public required string Location { get; init; }
    public required string SubscriptionId { get; init; }
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
    public required ResourceNames Names { get; init; }
    public required StoragePlan Storage { get; init; }
    public required MonitoringPlan Monitoring { get; init; }
    public required KeyVaultPlan KeyVault { get; init; }
    public required RegistryPlan Registry { get; init; }
    public required FunctionAppPlan FunctionApp { get; init; }
    public required ContainerAppsPlan ContainerApps { get; init; }
    public required ServingAppPlan Serving { get; init; }
    public required TrainerJobPlan Trainer { get; init; }
    public required IReadOnlyList<RoleAssignmentPlan> RoleAssignments { get; init; }
    public required TrainingDataEventsPlan TrainingDataEvents { get; init; }
}
