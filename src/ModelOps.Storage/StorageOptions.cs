using Azure.Core;

namespace ModelOps.Storage;

/// <summary>
/// Where the storage account is and how to authorize. Either a connection string (Shared Key, Azurite by default) or
/// account endpoints with a <see cref="Credential"/> (managed identity: bearer tokens for <c>https://storage.azure.com/.default</c>).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The storage connection string (Functions' <c>AzureWebJobsStorage</c>). Default: Azurite on its standard ports.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>With <see cref="Credential"/>: the Blob service endpoint, e.g. <c>https://acct.blob.core.windows.net</c>.</summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>With <see cref="Credential"/>: the Queue service endpoint.</summary>
    public Uri? QueueEndpoint { get; set; }

    /// <summary>With <see cref="Credential"/>: the Table service endpoint.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>A token credential (e.g. <c>ManagedIdentityCredential</c>); when set, the three endpoints are used instead of the connection string.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Blob content larger than this goes up as blocks of this size (Put Block + Put Block List). Default 4 MiB.</summary>
    public int BlockSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Retries of a request that failed transiently (408, 429, 500, 502, 503, 504, I/O errors). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; later ones back off exponentially. Default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>How long one attempt may wait on the network. Default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The table of the run index (runs by model, newest first). Default <c>modelopsruns</c>.</summary>
    public string RunIndexTableName { get; set; } = "modelopsruns";

    /// <summary>The storage REST API version sent as <c>x-ms-version</c>.</summary>
    public string ApiVersion { get; set; } = "2021-12-02";
}
