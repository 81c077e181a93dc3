namespace ModelOps.Monitoring.Statistics;

/// <summary>Fisher's exact test on a 2×2 table, two-sided (<c>scipy.stats.fisher_exact</c>).</summary>
public static class FisherExact
{
    // Tables whose probability is within this relative distance of the observed one count as equally extreme.
    // scipy uses 1e-14 on its own hypergeometric; here probabilities come from log-gamma sums, so ties that are exact
    // in theory may differ by ~1e-13, and R's fisher.test tolerance of 1e-7 is used instead.
    private const double RelativeTolerance = 1e-7;

    /// <summary>The p-value of the table [[a, b], [c, d]]: the total probability of tables with the same margins that are at most as likely.</summary>
    public static double TwoSided(long a, long b, long c, long d)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArgumentException("All values in a contingency table must be non-negative.", nameof(a));
        }

        long row1 = a + b, row2 = c + d, column1 = a + c, total = row1 + row2;
        if (row1 == 0 || row2 == 0 || column1 == 0 || column1 == total)
        {
            return 1;
        }

        var low = Math.Max(0, column1 - row2);
        var high = Math.Min(row1, column1);
        var observed = LogProbability(a, row1, row2, column1, total);
        double p = 0;
        for (var x = low; x <= high; x++)
        {
            var logP = LogProbability(x, row1, row2, column1, total);
            if (logP <= observed + RelativeTolerance)
            {
                p += Math.Exp(logP);
            }
        }

        return Math.Min(p, 1);
    }

    private static double LogProbability(long x, long row1, long row2, long column1, long total) =>
        SpecialFunctions.LogBinomial(row1, x) + SpecialFunctions.LogBinomial(row2, column1 - x) - SpecialFunctions.LogBinomial(total, column1);
}
