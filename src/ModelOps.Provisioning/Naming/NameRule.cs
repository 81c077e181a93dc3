namespace ModelOps.Provisioning.Naming;

/// <summary>
/// Azure's rule for one resource type's name: length, characters (letters and digits plus <see cref="ExtraCharacters"/>),
/// case, and how it may start and end. <see cref="Validate"/> says what a name breaks, or null.
/// </summary>
public sealed record NameRule(
    string ResourceType,
    int MinLength,
    int MaxLength,
    string ExtraCharacters = "",
    bool LowercaseOnly = false,
    bool StartsWithLetter = false,
    bool StartsAndEndsAlphanumeric = false,
    bool NoConsecutiveHyphens = false,
    bool GloballyUnique = false)
{
    /// <summary>What <paramref name="name"/> breaks of this rule, or null when it is a valid name.</summary>
    public string? Validate(string name)
    {
        if (name.Length < MinLength || name.Length > MaxLength)
        {
            return $"{ResourceType} name '{name}' has {name.Length} characters; {MinLength}-{MaxLength} are allowed.";
        }

        var bad = name.FirstOrDefault(c => !IsAllowed(c));
        if (bad != default)
        {
            var allowed = (LowercaseOnly ? "lowercase letters, digits" : "letters, digits") +
                (ExtraCharacters.Length > 0 ? " and '" + ExtraCharacters + "'" : "");
            return $"{ResourceType} name '{name}' contains '{bad}'; only {allowed} are allowed.";
        }

        if (StartsWithLetter && !char.IsAsciiLetter(name[0]))
        {
            return $"{ResourceType} name '{name}' must start with a letter.";
        }

        if (StartsAndEndsAlphanumeric && (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])))
        {
            return $"{ResourceType} name '{name}' must start and end with a letter or digit.";
        }

        if (NoConsecutiveHyphens && name.Contains("--", StringComparison.Ordinal))
        {
            return $"{ResourceType} name '{name}' must not contain consecutive hyphens.";
        }

        return null;
    }

    /// <summary>Whether <paramref name="c"/> may appear in a name of this type.</summary>
    public bool IsAllowed(char c) =>
        (LowercaseOnly ? char.IsAsciiLetterLower(c) : char.IsAsciiLetter(c)) || char.IsAsciiDigit(c) || ExtraCharacters.Contains(c, StringComparison.Ordinal);
}
