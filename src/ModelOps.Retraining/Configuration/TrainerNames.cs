using ModelOps.Training;

namespace ModelOps.Retraining;

/// <summary>The trainer names a training configuration accepts.</summary>
public static class TrainerNames
{
    public const string External = "external";

    /// <summary>The built-in trainers and <c>external</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. TrainerCatalog.Names, External];
}
