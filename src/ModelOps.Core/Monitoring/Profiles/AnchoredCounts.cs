namespace ModelOps.Monitoring.Profiles;

/// <summary>
/// Exact counts of a window's values relative to the reference's distinct values a₀ &lt; … &lt; a_{k−1} (the anchors):
/// <see cref="At"/>[i] values equal to aᵢ, <see cref="Below"/>[i] values in (aᵢ₋₁, aᵢ) (below a₀ for i = 0) and
/// <see cref="Below"/>[k] values above a_{k−1}. They make the KS statistic against an exact reference exact for any
/// window size, since the ECDF difference peaks at the reference's values or just before them.
/// </summary>
public sealed record AnchoredCounts(IReadOnlyList<double> Anchors, IReadOnlyList<long> At, IReadOnlyList<long> Below);
