namespace ModelOps.Provisioning.Planning;

/// <summary>
/// The container app that serves heavy models: the ModelOps host in serving-only mode on the GPU profile, external HTTPS
/// ingress, scaled by concurrent HTTP requests, to zero when idle (unless min replicas says otherwise).
/// </summary>
public sealed record ServingAppPlan
{
    public required string Name { get; init; }
    public required string WorkloadProfileName { get; init; }
    public string ContainerName { get; init; } = "host";
    public required string Image { get; init; }
    public required double Cpu { get; init; }
    public required string Memory { get; init; }
    public int TargetPort { get; init; } = 8080;
    public bool ExternalIngress { get; init; } = true;
    public string ActiveRevisionsMode { get; init; } = "Single";
    public required int MinReplicas { get; init; }
    public required int MaxReplicas { get; init; }
    public string ScaleRuleName { get; init; } = "http-concurrency";
    public required int ConcurrentRequests { get; init; }
    public string ReadinessPath { get; init; } = "/v2/health/ready";
    public string LivenessPath { get; init; } = "/v2/health/live";
    public required IReadOnlyList<ContainerSecretPlan> Secrets { get; init; }
    public required IReadOnlyList<AppSetting> Environment { get; init; }
}
