namespace ModelOps.Protocol;

/// <summary>
/// Request ids: the caller's, or one generated here when the caller sends none, so every answer names the request and
/// feedback labels can refer to it later (<c>POST /api/models/{model}/feedback</c>).
/// </summary>
public static class RequestIds
{
    /// <summary>The longest id a caller may send (Table storage keys take up to 1 KiB; ids are keys of feedback rows).</summary>
    public const int MaxLength = 200;

    /// <summary>A new id: 32 lowercase hex digits (a random GUID).</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
