using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ModelOps.Storage.Connection;

/// <summary>
/// Where the storage account is and how to reach it, read as the Functions runtime reads a connection named
/// <c>AzureWebJobsStorage</c>: the setting itself is a connection string (<c>UseDevelopmentStorage=true</c>, explicit
/// endpoints, or account name and key); or, identity-based, <c>AzureWebJobsStorage__accountName</c> or the three
/// <c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>, with <c>__credential=managedidentity</c>
/// (and <c>__clientId</c> for a user-assigned identity), <c>__tenantId</c>/<c>__clientId</c>/<c>__clientSecret</c> for a
/// service principal, or nothing more for <c>DefaultAzureCredential</c>.
/// </summary>
public sealed class StorageConnection
{
    private StorageConnection(string name, string? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential)
    {
        Name = name;
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
    }

    /// <summary>The connection used when none is configured: Azurite's well-known account on its standard ports.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>The connection's setting name, e.g. <c>AzureWebJobsStorage</c>.</summary>
    public string Name { get; }

    /// <summary>The connection string, when the connection is one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The Blob service endpoint of an identity-based connection.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>The Queue service endpoint of an identity-based connection.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The Table service endpoint of an identity-based connection.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>The credential of an identity-based connection.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>A connection from a connection string (Azurite, shared key).</summary>
    public static StorageConnection FromConnectionString(string connectionString, string name = "AzureWebJobsStorage")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            // The SDK parses the string (UseDevelopmentStorage, endpoints, account name and key) or throws.
            _ = new BlobServiceClient(connectionString);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The setting '{name}' is not a valid storage connection string ({exception.GetType().Name}). Use 'UseDevelopmentStorage=true' for Azurite, a connection string of the account, or the identity-based settings '{name}__accountName' or '{name}__blobServiceUri', '{name}__queueServiceUri' and '{name}__tableServiceUri'.");
        }

        return new StorageConnection(name, connectionString, null, null, null, null);
    }

    /// <summary>An identity-based connection to the three service endpoints.</summary>
    public static StorageConnection FromServiceUris(Uri blob, Uri queue, Uri table, TokenCredential credential, string name = "AzureWebJobsStorage") =>
        new(name, null, blob, queue, table, credential);

    /// <summary>
    /// Reads connection <paramref name="name"/> from configuration as Functions does (nothing set at all:
    /// <see cref="DevelopmentStorage"/>). Throws
    /// <see cref="InvalidOperationException"/> naming the setting that is missing or malformed (never echoing a secret).
    /// </summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        if (section.Value is { Length: > 0 } connectionString)
        {
            return FromConnectionString(connectionString, name);
        }

        if (!section.GetChildren().Any())
        {
            // Nothing set at all: the documented default, Azurite on its standard ports.
            return FromConnectionString(DevelopmentStorage, name);
        }

        var blob = ServiceUri(section, name, "blobServiceUri");
        var queue = ServiceUri(section, name, "queueServiceUri");
        var table = ServiceUri(section, name, "tableServiceUri");
        if (section["accountName"] is { Length: > 0 } account)
        {
            if (!IsAccountName(account))
            {
                throw new InvalidOperationException($"The setting '{name}__accountName' must be a storage account name: 3-24 lowercase letters and digits.");
            }

            blob ??= new Uri($"https://{account}.blob.core.windows.net");
            queue ??= new Uri($"https://{account}.queue.core.windows.net");
            table ??= new Uri($"https://{account}.table.core.windows.net");
        }

        if (blob is null && queue is null && table is null)
        {
            throw new InvalidOperationException(
                $"No storage connection: set '{name}' to a connection string ('UseDevelopmentStorage=true' for Azurite), or use an identity-based connection with '{name}__accountName' or '{name}__blobServiceUri', '{name}__queueServiceUri' and '{name}__tableServiceUri'.");
        }

        if (blob is null || queue is null || table is null)
        {
            var missing = new[] { ("blobServiceUri", blob), ("queueServiceUri", queue), ("tableServiceUri", table) }
                .Where(s => s.Item2 is null).Select(s => $"'{name}__{s.Item1}'");
            throw new InvalidOperationException(
                $"The identity-based storage connection '{name}' needs all three service endpoints (or '{name}__accountName'); missing: {string.Join(", ", missing)}.");
        }

        return new StorageConnection(name, null, blob, queue, table, CreateCredential(section, name));
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options) =>
        ConnectionString is { } s ? new BlobServiceClient(s, options) : new BlobServiceClient(BlobServiceUri, Credential, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options) =>
        ConnectionString is { } s ? new QueueServiceClient(s, options) : new QueueServiceClient(QueueServiceUri, Credential, options);

    public TableServiceClient CreateTableServiceClient(TableClientOptions options) =>
        ConnectionString is { } s ? new TableServiceClient(s, options) : new TableServiceClient(TableServiceUri, Credential, options);

    private static Uri? ServiceUri(IConfigurationSection section, string name, string key)
    {
        if (section[key] is not { Length: > 0 } value)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"The setting '{name}__{key}' must be an absolute http(s) URI, e.g. https://account.{key[..^10]}.core.windows.net.");
    }

    private static TokenCredential CreateCredential(IConfigurationSection section, string name)
    {
        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        var credential = section["credential"];
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return clientId is null ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        if (!string.IsNullOrEmpty(credential))
        {
            throw new InvalidOperationException($"The setting '{name}__credential' must be 'managedidentity' or absent (absent: DefaultAzureCredential, or a service principal with '{name}__tenantId', '__clientId' and '__clientSecret').");
        }

        if (section["clientSecret"] is { Length: > 0 } secret)
        {
            var tenant = section["tenantId"] is { Length: > 0 } t ? t
                : throw new InvalidOperationException($"The service-principal storage connection '{name}' needs '{name}__tenantId'.");
            return new ClientSecretCredential(tenant, clientId ?? throw new InvalidOperationException($"The service-principal storage connection '{name}' needs '{name}__clientId'."), secret);
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static bool IsAccountName(string account) =>
        account.Length is >= 3 and <= 24 && account.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));
}
