using ModelOps.Registry;

namespace ModelOps.Access;

/// <summary>
/// Which models a role assignment covers: <c>*</c> (all), <c>prefix*</c> (names starting with the prefix, e.g.
/// <c>fraud-*</c>) or one exact model name.
/// </summary>
public static class AccessScopes
{
    public const string AllModels = "*";

    /// <summary>Null when <paramref name="scope"/> is valid, else why not.</summary>
    public static string? Validate(string? scope)
    {
        if (scope == AllModels)
        {
            return null;
        }

        if (string.IsNullOrEmpty(scope))
        {
            return "'scope' is required: '*' (all models), 'prefix*' (e.g. 'fraud-*') or a model name.";
        }

        var star = scope.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != scope.Length - 1)
        {
            return $"'scope' '{scope}' may hold '*' only at its end.";
        }

        // A prefix is checked as the start of a name ("fraud-" and "fraud." are prefixes of valid names).
        var name = star >= 0 ? string.Concat(scope.AsSpan(0, star), "0") : scope;
        return ModelNames.Validate(name) is null
            ? null
            : $"'scope' '{scope}' is not '*', 'prefix*' (e.g. 'fraud-*') or a model name: use letters, digits, '-', '_' and '.', starting with a letter or digit.";
    }

    /// <summary>Whether <paramref name="scope"/> covers <paramref name="model"/>; only <c>*</c> covers routes of no model.</summary>
    public static bool Covers(string scope, string? model)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope == AllModels)
        {
            return true;
        }

        if (model is null)
        {
            return false;
        }

        return scope.EndsWith('*')
            ? model.StartsWith(scope.AsSpan(0, scope.Length - 1), StringComparison.Ordinal)
            : string.Equals(scope, model, StringComparison.Ordinal);
    }
}
