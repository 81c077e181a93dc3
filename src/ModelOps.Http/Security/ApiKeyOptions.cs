namespace ModelOps.Http.Security;

/// <summary>
/// The two keys callers present in the <c>x-functions-key</c> header (or the <c>code</c> query parameter, as in
/// Azure Functions). Both are required: the host refuses to start without them.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>Grants management routes and inference.</summary>
    public string AdminKey { get; set; } = string.Empty;

    /// <summary>Grants inference routes only.</summary>
    public string ApiKey { get; set; } = string.Empty;
}
