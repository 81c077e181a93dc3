namespace ModelOps.Cli.Api;

/// <summary>
/// Where the host is and who is calling: <c>--url</c>, <c>--key</c>, <c>--token</c>, else MODELOPS_URL, MODELOPS_KEY,
/// MODELOPS_TOKEN, else the local host's default URL and no credentials.
/// </summary>
public sealed record ClientSettings(Uri Url, string? Key, string? Token)
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static ClientSettings Resolve(string? url, string? key, string? token, Func<string, string?> environment)
    {
        var text = Pick(url, environment("MODELOPS_URL")) ?? DefaultUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"'{text}' is not an http(s) URL (--url or MODELOPS_URL).");
        }

        return new ClientSettings(uri, Pick(key, environment("MODELOPS_KEY")), Pick(token, environment("MODELOPS_TOKEN")));
    }

    private static string? Pick(string? option, string? variable) =>
        !string.IsNullOrWhiteSpace(option) ? option : string.IsNullOrWhiteSpace(variable) ? null : variable;
}
