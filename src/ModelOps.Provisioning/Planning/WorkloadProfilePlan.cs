namespace ModelOps.Provisioning.Planning;

/// <summary>A workload profile of the Container Apps environment: the name apps refer to and its type.</summary>
public sealed record WorkloadProfilePlan(string Name, string WorkloadProfileType);
