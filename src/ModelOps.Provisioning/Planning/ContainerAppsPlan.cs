namespace ModelOps.Provisioning.Planning;

/// <summary>The Container Apps environment: the Consumption profile beside one serverless GPU profile.</summary>
public sealed record ContainerAppsPlan
{
    public required string EnvironmentName { get; init; }
    public required IReadOnlyList<WorkloadProfilePlan> WorkloadProfiles { get; init; }
}
