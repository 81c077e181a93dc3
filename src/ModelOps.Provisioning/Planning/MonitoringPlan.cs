namespace ModelOps.Provisioning.Planning;

/// <summary>Log Analytics workspace and a workspace-based Application Insights that accepts Entra ID-authenticated telemetry only.</summary>
public sealed record MonitoringPlan
{
    public required string WorkspaceName { get; init; }
    public string WorkspaceSku { get; init; } = "PerGB2018";
    public required int RetentionDays { get; init; }
    public required string ApplicationInsightsName { get; init; }
    public string ApplicationType { get; init; } = "web";
    public string Kind { get; init; } = "web";
    public bool DisableLocalAuth { get; init; } = true;

    /// <summary>Where the Container Apps environment sends console logs.</summary>
    public string ContainerLogsDestination { get; init; } = "log-analytics";
}
