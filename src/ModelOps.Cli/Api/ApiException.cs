namespace ModelOps.Cli.Api;

/// <summary>A failed call: the HTTP status (0 when the server could not be reached) and the body as the server sent it.</summary>
public sealed class ApiException(int status, string body) : Exception(body)
{
    public int Status { get; } = status;

    public string Body { get; } = body;
}
