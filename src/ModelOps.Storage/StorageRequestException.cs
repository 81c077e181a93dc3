namespace ModelOps.Storage;

/// <summary>
/// A storage request the service refused for a reason other than a lost condition (those are
/// <see cref="StorageConflictException"/>): carries the HTTP status and the service's error code.
/// </summary>
public sealed class StorageRequestException : Exception
{
    public StorageRequestException(int status, string? errorCode, string message)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public StorageRequestException(int status, string? errorCode, string message, Exception innerException)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int Status { get; }

    /// <summary>The service's error code (<c>x-ms-error-code</c> or the body's code), e.g. <c>ContainerNotFound</c>.</summary>
    public string? ErrorCode { get; }
}
