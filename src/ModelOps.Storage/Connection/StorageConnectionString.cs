using System.Globalization;

namespace ModelOps.Storage.Connection;

/// <summary>
/// A parsed storage connection string: the account's name and key and the endpoints of its Blob, Queue and Table services.
/// Understands <c>UseDevelopmentStorage=true</c> (Azurite's well-known account), explicit endpoints and
/// <c>DefaultEndpointsProtocol</c> + <c>AccountName</c> + <c>EndpointSuffix</c>.
/// </summary>
public sealed class StorageConnectionString
{
    /// <summary>The account name Azurite and the storage emulator use.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known (public) key of <see cref="DevelopmentAccountName"/>.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(string accountName, string? accountKey, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
    }

    public string AccountName { get; }

    /// <summary>The base64 account key; null when the string carries none (then a token credential must be given).</summary>
    public string? AccountKey { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>Parses <paramref name="connectionString"/>; throws <see cref="FormatException"/> naming what is missing or wrong.</summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Connection string setting '{part}' is not of the form Name=Value.");
            }

            // Keys end in '=' padding, so split at the first '=' only.
            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development)
            && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxyUri) ? new Uri(proxyUri) : new Uri("http://127.0.0.1");
            return new StorageConnectionString(
                DevelopmentAccountName,
                DevelopmentAccountKey,
                DevelopmentEndpoint(proxy, 10000),
                DevelopmentEndpoint(proxy, 10001),
                DevelopmentEndpoint(proxy, 10002));
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            throw new FormatException("Connection string has no AccountName (and is not UseDevelopmentStorage=true).");
        }

        var accountKey = settings.GetValueOrDefault("AccountKey");
        if (accountKey is not null && !IsBase64(accountKey))
        {
            throw new FormatException("Connection string's AccountKey is not valid base64.");
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https";
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException($"Connection string's DefaultEndpointsProtocol '{protocol}' is neither http nor https.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net";
        return new StorageConnectionString(
            accountName,
            accountKey,
            Endpoint(settings, "BlobEndpoint", protocol, accountName, "blob", suffix),
            Endpoint(settings, "QueueEndpoint", protocol, accountName, "queue", suffix),
            Endpoint(settings, "TableEndpoint", protocol, accountName, "table", suffix));
    }

    private static Uri DevelopmentEndpoint(Uri proxy, int port) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{proxy.Scheme}://{proxy.Host}:{port}/{DevelopmentAccountName}"));

    private static Uri Endpoint(
        Dictionary<string, string> settings,
        string setting,
        string protocol,
        string accountName,
        string service,
        string suffix)
    {
        if (settings.TryGetValue(setting, out var explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint.TrimEnd('/'), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"Connection string's {setting} '{explicitEndpoint}' is not an absolute http(s) URI.");
            }

            return uri;
        }

        return new Uri($"{protocol}://{accountName}.{service}.{suffix}");
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
