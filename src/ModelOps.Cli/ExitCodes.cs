namespace ModelOps.Cli;

/// <summary>
/// What <c>modelops</c> exits with, so scripts can branch without parsing text. A server's error body goes to stderr
/// exactly as it came.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server failed (5xx), could not be reached, or answered something that is not the contract.</summary>
    public const int ServerError = 1;

    /// <summary>The command line is wrong (unknown command or option, missing argument, unreadable input file).</summary>
    public const int Usage = 2;

    /// <summary>The server refused the input (400, 413, 415, 422).</summary>
    public const int Rejected = 3;

    /// <summary>No credentials, or they do not grant the permission (401, 403).</summary>
    public const int Unauthorized = 4;

    /// <summary>The model, version, alias, run or report does not exist (404).</summary>
    public const int NotFound = 5;

    /// <summary>A conflict or a lost race (409, 412): read again and retry.</summary>
    public const int Conflict = 6;

    /// <summary>A watched run ended other than Completed (Failed, Terminated).</summary>
    public const int RunFailed = 7;

    public static int FromStatus(int status) => status switch
    {
        401 or 403 => Unauthorized,
        404 => NotFound,
        409 or 412 => Conflict,
        >= 400 and < 500 => Rejected,
        _ => ServerError,
    };
}
