using System.Buffers;

namespace ModelOps.Registry;

/// <summary>
/// Rules for model and alias names. A name becomes part of a blob path and a table key, so it may hold only
/// characters that are safe in both and can never climb out of its prefix.
/// </summary>
public static class ModelNames
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>Null when <paramref name="name"/> is a valid model or alias name, else why not.</summary>
    public static string? Validate(string? name, string what = "model name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"The {what} is empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"The {what} '{Truncate(name)}' is longer than {MaxLength} characters.";
        }

        var bad = name.AsSpan().IndexOfAnyExcept(Allowed);
        if (bad >= 0)
        {
            return $"The {what} '{Truncate(name)}' contains '{name[bad]}' at position {bad}; use letters, digits, '-', '_' and '.'.";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"The {what} '{name}' must start with a letter or digit.";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.EndsWith('.'))
        {
            return $"The {what} '{name}' must not contain '..' or end with '.'.";
        }

        return null;
    }

    /// <summary>Throws <see cref="Errors.ModelOpsException"/> (invalid input) when the name is not valid.</summary>
    public static void EnsureValid(string? name, string what = "model name")
    {
        var error = Validate(name, what);
        if (error is not null)
        {
            throw Errors.ModelOpsException.Invalid(error);
        }
    }

    private static string Truncate(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 80), "…");
}
