using ModelOps.Registry;

namespace ModelOps.Retraining;

/// <summary>What a training-data file may be called: a safe single name ending in <c>.csv</c>.</summary>
public static class TrainingDataNames
{
    /// <summary>Null when <paramref name="name"/> is a valid training-data file name; otherwise why not.</summary>
    public static string? Validate(string? name) =>
        ModelNames.Validate(name, "file name") is not null || name!.StartsWith('.') || !name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? $"'{name}' is not a training-data name: use up to {ModelNames.MaxLength} letters, digits, '-', '_' and '.', ending in .csv."
            : null;
}
