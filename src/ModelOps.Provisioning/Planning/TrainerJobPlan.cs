namespace ModelOps.Provisioning.Planning;

/// <summary>The container app job for the external trainer on the GPU profile, started on demand (manual trigger).</summary>
public sealed record TrainerJobPlan
{
    public required string Name { get; init; }
    public required string WorkloadProfileName { get; init; }
    public string ContainerName { get; init; } = "trainer";
    public required string Image { get; init; }
    public required double Cpu { get; init; }
    public required string Memory { get; init; }
    public string TriggerType { get; init; } = "Manual";
    public required int Parallelism { get; init; }
    public required int ReplicaCompletionCount { get; init; }
    public required int ReplicaTimeoutSeconds { get; init; }
    public int ReplicaRetryLimit { get; init; }
    public required IReadOnlyList<AppSetting> Environment { get; init; }
}
