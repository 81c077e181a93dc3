using System.ComponentModel.DataAnnotations;

namespace ModelOps.Storage;

/// <summary>Settings of the storage adapter (section <c>ModelOps:Storage</c>). The connection itself is <c>AzureWebJobsStorage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// Prepended to every container, table and queue name (lowercase letters and digits), so several deployments or test
    /// runs can share one account. Default empty: the names of the documented layout (<c>models</c>, <c>training-data</c>...).
    /// </summary>
    [RegularExpression("^[a-z0-9]{0,20}$", ErrorMessage = "NamePrefix must be up to 20 lowercase letters and digits.")]
    public string NamePrefix { get; set; } = string.Empty;

    /// <summary>Retries of a request that failed transiently (408, 429, 5xx, network errors). Default 5.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; later ones back off exponentially. Default 0.8 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>How long one attempt may wait on the network. Default 100 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
