namespace ModelOps.Retraining;

/// <summary>
/// When a candidate becomes champion (like TFX's blessing): its metric must reach <see cref="Minimum"/> (a floor,
/// or a ceiling for lower-is-better metrics) and may be at most <see cref="MaxDrop"/> worse than the champion's on the
/// same held-out rows.
/// </summary>
public sealed record PromotionSettings
{
    /// <summary>The absolute bound; null for none.</summary>
    public double? Minimum { get; init; }

    /// <summary>How much worse than the champion the candidate may be. Default (null) 0: no worse.</summary>
    public double? MaxDrop { get; init; }

    /// <summary>Whether a candidate that exactly ties the champion replaces it. Default false (a positive maxDrop accepts ties too).</summary>
    public bool PromoteOnTie { get; init; }
}
