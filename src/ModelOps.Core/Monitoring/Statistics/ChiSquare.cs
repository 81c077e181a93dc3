namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// Chi-square tests as scipy computes them; p-values are the chi-square survival function, the regularized upper
/// incomplete gamma Q(dof/2, χ²/2).
/// </summary>
public static class ChiSquare
{
    /// <summary>
    /// The test of independence of a table's dimensions (<c>scipy.stats.chi2_contingency</c>). With one degree of
    /// freedom and <paramref name="correction"/> (the default) Yates' correction moves each observed count towards its
    /// expected count by min(0.5, |O − E|). With zero degrees of freedom the statistic is 0 and the p-value 1.
    /// Throws <see cref="ArgumentException"/> for a negative count or an expected frequency of zero (an empty row or column).
    /// </summary>
    public static ChiSquareResult Independence(ContingencyTable table, bool correction = true, PowerDivergence divergence = PowerDivergence.Pearson)
    {
        ArgumentNullException.ThrowIfNull(table);
        var observed = table.Counts.ToArray();
        if (Array.Exists(observed, c => c < 0 || double.IsNaN(c)))
        {
            throw new ArgumentException("All values in a contingency table must be non-negative.", nameof(table));
        }

        var expected = table.ExpectedFrequencies();
        var zero = Array.FindIndex(expected, e => e == 0);
        if (zero >= 0)
        {
            throw new ArgumentException($"The table of expected frequencies has a zero element at flat index {zero} (an empty row or column).", nameof(table));
        }

        var dof = table.DegreesOfFreedom;
        if (dof == 0)
        {
            return new ChiSquareResult(0, 1, 0);
        }

        if (dof == 1 && correction)
        {
            for (var i = 0; i < observed.Length; i++)
            {
                var difference = expected[i] - observed[i];
                observed[i] += Math.Sign(difference) * Math.Min(0.5, Math.Abs(difference));
            }
        }

        var statistic = Statistic(observed, expected, divergence);
        return new ChiSquareResult(statistic, SpecialFunctions.ChiSquareSf(statistic, dof), dof);
    }

    /// <summary>
    /// The goodness-of-fit test of <paramref name="observed"/> counts against <paramref name="expected"/> ones
    /// (<c>scipy.stats.chisquare</c> / <c>power_divergence</c>), with k − 1 degrees of freedom. An expected count of
    /// zero where a count was observed makes the statistic infinite and the p-value 0.
    /// </summary>
    public static ChiSquareResult GoodnessOfFit(IReadOnlyList<double> observed, IReadOnlyList<double> expected, PowerDivergence divergence = PowerDivergence.Pearson)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(expected);
        if (observed.Count != expected.Count || observed.Count == 0)
        {
            throw new ArgumentException($"Observed ({observed.Count}) and expected ({expected.Count}) counts must have the same, non-zero length.", nameof(expected));
        }

        var statistic = Statistic(observed, expected, divergence);
        var dof = observed.Count - 1;
        return new ChiSquareResult(statistic, SpecialFunctions.ChiSquareSf(statistic, dof), dof);
    }

    /// <summary>A two-way table's association from its chi-square without correction.</summary>
    public static double Association(ContingencyTable table, AssociationMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Shape.Count != 2)
        {
            throw new ArgumentException("Association is defined for two-way tables.", nameof(table));
        }

        var chi2 = Independence(table, correction: false).Statistic;
        var n = table.Counts.Sum();
        double rows = table.Shape[0], columns = table.Shape[1];
        var phi2 = chi2 / n;
        return measure switch
        {
            AssociationMeasure.Cramer => Math.Sqrt(phi2 / Math.Min(rows - 1, columns - 1)),
            AssociationMeasure.Tschuprow => Math.Sqrt(phi2 / Math.Sqrt((rows - 1) * (columns - 1))),
            AssociationMeasure.Pearson => Math.Sqrt(phi2 / (1 + phi2)),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
        };
    }

    private static double Statistic(IReadOnlyList<double> observed, IReadOnlyList<double> expected, PowerDivergence divergence)
    {
        double sum = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            double o = observed[i], e = expected[i];
            sum += divergence == PowerDivergence.Pearson
                ? (o - e) * (o - e) / e
                : o == 0 ? 0 : 2 * o * Math.Log(o / e);
        }

        return sum;
    }
}
