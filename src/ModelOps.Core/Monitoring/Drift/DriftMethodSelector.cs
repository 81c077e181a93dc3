namespace ModelOps.Monitoring.Drift;

/// <summary>
/// Evidently's default stat test for a column (<c>_get_default_stattest</c> in
/// src/evidently/legacy/calculations/stattests/registry.py; read at evidentlyai/evidently b419ef0f), with
/// n = the number of distinct values in reference and current together:
/// <list type="table">
/// <item><term>reference ≤ 1000 rows, numeric</term><description>n ≤ 2: z-test; 3 ≤ n ≤ 5: chi-square; n &gt; 5: KS.</description></item>
/// <item><term>reference ≤ 1000 rows, categorical</term><description>n ≤ 2: z-test; otherwise chi-square.</description></item>
/// <item><term>reference &gt; 1000 rows, numeric</term><description>n ≤ 5: Jensen–Shannon; otherwise normed Wasserstein.</description></item>
/// <item><term>reference &gt; 1000 rows, categorical</term><description>Jensen–Shannon.</description></item>
/// </list>
/// So a numeric column with few distinct values is compared as categories, the way Evidently does it. "Rows" are the
/// reference's present values (Evidently drops missing and infinite values first). The 1000-row boundary is
/// <see cref="DriftSettings.SmallReferenceRows"/>.
/// </summary>
public static class DriftMethodSelector
{
    /// <summary>Evidently's boundary between a small and a large reference.</summary>
    public const int EvidentlySmallReferenceRows = 1000;

    /// <param name="kind">The column's kind.</param>
    /// <param name="referenceCount">Present values in the reference.</param>
    /// <param name="distinctValues">Distinct values in reference and current together (any number above 5 when not known exactly).</param>
    /// <param name="smallReferenceRows">The largest reference still "small" (Evidently: 1000).</param>
    public static DriftMethod Select(ColumnKind kind, long referenceCount, long distinctValues, long smallReferenceRows = EvidentlySmallReferenceRows)
    {
        if (referenceCount <= smallReferenceRows)
        {
            if (kind == ColumnKind.Numeric && distinctValues > 5)
            {
                return DriftMethod.Ks;
            }

            return distinctValues > 2 ? DriftMethod.ChiSquare : DriftMethod.Z;
        }

        return kind == ColumnKind.Numeric && distinctValues > 5 ? DriftMethod.Wasserstein : DriftMethod.JensenShannon;
    }
}
