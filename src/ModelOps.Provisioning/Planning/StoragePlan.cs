namespace ModelOps.Provisioning.Planning;

/// <summary>
/// The storage account: reachable only with Entra ID tokens (no shared key), TLS 1.2, no anonymous blob access, with the
/// containers, queues and tables ModelOps uses created up front.
/// </summary>
public sealed record StoragePlan
{
    public required string AccountName { get; init; }
    public required string SkuName { get; init; }
    public string Kind { get; init; } = "StorageV2";
    public string MinimumTlsVersion { get; init; } = "TLS1_2";
    public bool AllowSharedKeyAccess { get; init; }
    public bool AllowBlobPublicAccess { get; init; }
    public bool DefaultToOAuthAuthentication { get; init; } = true;

    /// <summary>Blob containers: the contract's layout plus the Functions deployment package container.</summary>
    public required IReadOnlyList<string> Containers { get; init; }

    /// <summary>The container Flex Consumption deploys the Functions app package from.</summary>
    public required string DeploymentContainer { get; init; }

    public required IReadOnlyList<string> Queues { get; init; }
    public required IReadOnlyList<string> Tables { get; init; }

    public string BlobEndpoint => $"https://{AccountName}.blob.core.windows.net";
    public string QueueEndpoint => $"https://{AccountName}.queue.core.windows.net";
    public string TableEndpoint => $"https://{AccountName}.table.core.windows.net";
}
