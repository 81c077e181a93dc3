using Azure.Core;

namespace ModelOps.Storage.Connection;

/// <summary>Azure.Core client options (retries, diagnostics, transport) for the storage pipelines.</summary>
internal sealed class StorageClientOptions : ClientOptions
{
    public StorageClientOptions(StorageOptions options)
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = options.MaxRetries;
        Retry.Delay = options.RetryDelay;
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = options.NetworkTimeout;
        Diagnostics.ApplicationId = "ModelOps";
        Diagnostics.IsLoggingContentEnabled = false;
        foreach (var header in new[]
        {
            "x-ms-version", "x-ms-date", "x-ms-request-id", "x-ms-error-code", "x-ms-blob-type", "x-ms-lease-action",
            "x-ms-lease-id", "x-ms-continuation-NextPartitionKey", "x-ms-continuation-NextRowKey", "ETag", "If-Match", "If-None-Match",
        })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        Diagnostics.LoggedQueryParameters.Add("comp");
        Diagnostics.LoggedQueryParameters.Add("restype");
    }
}
