using System.Text.RegularExpressions;

namespace ModelOps.Inference.Jobs.Queue;

/// <summary>The rule for a queue message's <c>id</c>: it names the result blob, so it must be a plain file name.</summary>
public static partial class InferenceMessageIds
{
    public const int MaxLength = 128;

    /// <summary>Null when <paramref name="id"/> is valid, else why not.</summary>
    public static string? Validate(string? id) =>
        id is null ? "the message has no string 'id'"
        : IdPattern().IsMatch(id) ? null
        : $"the id '{(id.Length > MaxLength ? id[..MaxLength] + "..." : id)}' is not 1-{MaxLength} letters, digits, '.', '_' or '-' starting with a letter or digit";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
