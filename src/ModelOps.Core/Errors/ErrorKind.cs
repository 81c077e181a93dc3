namespace ModelOps.Errors;

/// <summary>The kinds of expected failure; each maps to one HTTP status in the hosts.</summary>
public enum ErrorKind
{
    /// <summary>The request is malformed or does not fit the model (400).</summary>
    InvalidInput,

    /// <summary>No such model, version, alias or run (404).</summary>
    NotFound,

    /// <summary>The resource exists already or is in a state that forbids the call (409).</summary>
    Conflict,

    /// <summary>The caller's ETag is stale: someone else changed the resource first (412).</summary>
    PreconditionFailed,

    /// <summary>The body is larger than the host accepts (413).</summary>
    PayloadTooLarge,

    /// <summary>A dependency (storage, runtime) is not available right now (503).</summary>
    Unavailable,

    /// <summary>The caller is known but may not do this (403): a missing role, a rule such as four-eyes approval.</summary>
    Forbidden,
}
