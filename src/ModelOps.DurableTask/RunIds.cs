using ModelOps.Errors;

namespace ModelOps.DurableTask;

/// <summary>
/// What a run (orchestration instance) id may be: 1–100 characters, none of them a control character or one that
/// cannot stand in a table key or a URL path segment (<c>/ \ # ?</c>).
/// </summary>
public static class RunIds
{
    public const int MaxLength = 100;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && !id.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');

    public static void EnsureValid(string id)
    {
        if (!IsValid(id))
        {
            throw ModelOpsException.Invalid(
                $"'{id}' is not a run id: use 1-{MaxLength} characters without control characters or '/', '\\', '#', '?'.");
        }
    }
}
