using ModelOps.Monitoring.Profiles;
using ModelOps.Monitoring.Statistics;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// Runs one method on one column's reference and current profiles with Evidently's semantics (each stat test's file in
/// src/evidently/legacy/calculations/stattests), exactly when both sides kept their values and from sketches otherwise:
/// <list type="bullet">
/// <item>KS: exact when both sides kept their values, or when the reference did and the window counted around its
/// values (any window size); otherwise from the KLL sketches (statistic error at most the two sketches' rank errors).</item>
/// <item>Wasserstein (÷ max(reference std, 0.001)) and energy: the CDF integrals over exact values, or over the sketches'
/// weighted items (error at most the summed rank errors times the pooled range).</item>
/// <item>Chi-square (goodness of fit of the current counts to the reference shares scaled to the current size), G-test,
/// z, Fisher, L-infinity and the value-by-value bins of PSI/Jensen–Shannon/Hellinger: category counts
/// (<see cref="CategoryTable"/>). Histogram bins of PSI/Jensen–Shannon: exact values or sketch weights per bin.</item>
/// <item>t-test: from the exact moments. Mann–Whitney, Anderson–Darling and numeric Hellinger: exact values only
/// (otherwise the column is skipped with a note).</item>
/// </list>
/// </summary>
internal static class ColumnDriftCalculator
{
    private const long MaxExpandedValues = 10_000_000;

    public static ColumnDrift Compute(DriftMethod method, double threshold, ColumnProfile reference, ColumnProfile current)
    {
        if (reference.Count == 0 || current.Count == 0)
        {
            return Skipped(reference, method, threshold, reference.Count == 0 ? "The reference has no values in this column." : "The window has no values in this column.");
        }

        var outcome = method switch
        {
            DriftMethod.Ks => Ks(reference, current),
            DriftMethod.ChiSquare => GoodnessOfFit(reference, current, PowerDivergence.Pearson),
            DriftMethod.GTest => GoodnessOfFit(reference, current, PowerDivergence.LogLikelihood),
            DriftMethod.Z => ZTest(reference, current),
            DriftMethod.JensenShannon => Binned(reference, current, fillZeroes: false, (r, c) => ProbabilityDistance.JensenShannon(r, c)),
            DriftMethod.Psi => Binned(reference, current, fillZeroes: true, Psi),
            DriftMethod.Hellinger => Hellinger(reference, current),
            DriftMethod.Wasserstein => CdfDistance(reference, current, 1, Math.Max(reference.Numeric!.Std, 0.001)),
            DriftMethod.EnergyDistance => CdfDistance(reference, current, 2, 1 / Math.Sqrt(2)),
            DriftMethod.TTest => TTest(reference, current),
            DriftMethod.MannWhitney => ExactSamples(reference, current, (r, c) => MannWhitney.Test(r, c, KsAlternative.Less)),
            DriftMethod.AndersonDarling => ExactSamples(reference, current, (r, c) => AndersonDarling.KSample([r, c])),
            DriftMethod.FisherExact => Fisher(reference, current),
            DriftMethod.LInfinity => Binned(reference, current, fillZeroes: false, ProbabilityDistance.LInfinity, valuesOnly: true),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };

        if (outcome.SkipReason is { } reason)
        {
            return Skipped(reference, method, threshold, reason);
        }

        var score = DriftMethods.UsesPValue(method) ? outcome.PValue!.Value : outcome.Statistic;
        var finite = outcome.HasStatistic && double.IsFinite(outcome.Statistic);
        return new ColumnDrift
        {
            Name = reference.Name,
            Kind = reference.Kind,
            Method = method,
            Threshold = threshold,
            Statistic = finite ? outcome.Statistic : null,
            PValue = outcome.PValue,
            Drifted = !double.IsNaN(score) && DriftMethods.IsDrift(method, score, threshold),
            Approximate = outcome.Approximate,
            Note = finite || !outcome.HasStatistic ? null
                : double.IsPositiveInfinity(outcome.Statistic) ? "The statistic is infinite: the window has values the reference never had."
                : "The statistic is undefined.",
        };
    }

    /// <summary>A column that could not be checked: not drifted, not counted in the drifted share, with the reason.</summary>
    public static ColumnDrift Skipped(ColumnProfile reference, DriftMethod method, double threshold, string reason) => new()
    {
        Name = reference.Name,
        Kind = reference.Kind,
        Method = method,
        Threshold = threshold,
        Drifted = false,
        Skipped = true,
        Note = reason,
    };

    private static Outcome Ks(ColumnProfile reference, ColumnProfile current)
    {
        var r = reference.Numeric!;
        var c = current.Numeric!;
        double max, min;
        var approximate = false;
        if (r.Values is { } referenceValues && c.Values is null && c.Anchored is { } anchored && CategoryTable.SameValues(anchored.Anchors, referenceValues))
        {
            (max, min) = AnchoredDifferences(referenceValues, reference.Count, anchored, current.Count);
        }
        else
        {
            var rs = WeightedSample.From(r);
            var cs = WeightedSample.From(c);
            (max, min) = KolmogorovSmirnov.EcdfDifferences(rs.Values, rs.Weights, cs.Values, cs.Weights);
            approximate = !rs.Exact || !cs.Exact;
        }

        var test = KolmogorovSmirnov.Test(max, min, reference.Count, current.Count, KsAlternative.TwoSided, KsMethod.Auto);
        return new Outcome(test.Statistic, test.PValue, approximate);
    }

    /// <summary>
    /// The extreme ECDF differences (reference − window) from the window's counts around the reference's values: the
    /// largest at a reference value, the smallest at a reference value or at the last window value before the next one.
    /// The quotients are those scipy forms, so the statistic is the one it computes on the raw samples.
    /// </summary>
    private static (double Max, double Min) AnchoredDifferences(IReadOnlyList<ValueCount> reference, long n1, AnchoredCounts window, long n2)
    {
        double cumulative1 = 0, cumulative2 = 0;
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (var i = 0; i < reference.Count; i++)
        {
            if (window.Below[i] > 0)
            {
                cumulative2 += window.Below[i];
                var between = (cumulative1 / n1) - (cumulative2 / n2);
                max = Math.Max(max, between);
                min = Math.Min(min, between);
            }

            cumulative1 += reference[i].Count;
            cumulative2 += window.At[i];
            var at = (cumulative1 / n1) - (cumulative2 / n2);
            max = Math.Max(max, at);
            min = Math.Min(min, at);
        }

        if (window.Below[reference.Count] > 0)
        {
            max = Math.Max(max, 0);
            min = Math.Min(min, 0);
        }

        return (max, Math.Clamp(-min, 0, 1));
    }

    private static Outcome GoodnessOfFit(ColumnProfile reference, ColumnProfile current, PowerDivergence divergence)
    {
        if (CategoryTable.From(reference, current) is not { } table)
        {
            return Outcome.Skip("The counts of the column's values are not known on both sides.");
        }

        var scale = (double)current.Count / reference.Count;
        var expected = table.Reference.Select(r => r * scale).ToArray();
        var test = ChiSquare.GoodnessOfFit(table.Current, expected, divergence);
        return new Outcome(test.Statistic, test.PValue, table.Approximate);
    }

    private static Outcome ZTest(ColumnProfile reference, ColumnProfile current)
    {
        if (CategoryTable.From(reference, current) is not { } table)
        {
            return Outcome.Skip("The counts of the column's values are not known on both sides.");
        }

        var referenceKeys = table.Reference.Count(c => c > 0);
        var currentKeys = table.Current.Count(c => c > 0);
        if (table.Keys.Length == 1 && referenceKeys == 1 && currentKeys == 1)
        {
            return new Outcome(0, 1, table.Approximate);
        }

        // Evidently codes the smallest value 0 and every other value 1.
        var first = table.SmallestKey();
        var test = ProportionZTest.Test(reference.Count - table.Reference[first], reference.Count, current.Count - table.Current[first], current.Count);
        return new Outcome(test.Statistic, test.PValue, table.Approximate);
    }

    private static Outcome Binned(ColumnProfile reference, ColumnProfile current, bool fillZeroes, Func<double[], double[], double> distance, bool valuesOnly = false)
    {
        (double[] Reference, double[] Current, bool Approximate)? shares;
        if (valuesOnly)
        {
            shares = CategoryTable.From(reference, current) is { } table
                ? (table.Shares(reference.Count, current.Count).Reference, table.Shares(reference.Count, current.Count).Current, table.Approximate)
                : null;
        }
        else
        {
            shares = EvidentlyBinning.Shares(reference, current, fillZeroes);
        }

        return shares is { } s
            ? new Outcome(distance(s.Reference, s.Current), null, s.Approximate)
            : Outcome.Skip("The counts of the column's values are not known on both sides.");
    }

    private static double Psi(double[] reference, double[] current)
    {
        double sum = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            sum += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }

        return sum;
    }

    private static Outcome Hellinger(ColumnProfile reference, ColumnProfile current)
    {
        if (reference.Kind == ColumnKind.Categorical)
        {
            return Binned(reference, current, fillZeroes: false, HellingerOfShares, valuesOnly: true);
        }

        // Numeric: Sturges bins over the distinct pooled values, density histograms, Σ √(h₁h₂)·width (exact values only).
        if (reference.Numeric!.Values is not { } r || current.Numeric!.Values is not { } c)
        {
            return Outcome.Skip("Numeric Hellinger needs every distinct value on both sides; a side had more than the sketch's exact cap.");
        }

        var keys = r.Select(v => v.Value).Union(c.Select(v => v.Value)).ToArray();
        var edges = EvidentlyBinning.SturgesEdges(keys.Min(), keys.Max(), keys.Length);
        var h1 = Density(EvidentlyBinning.Histogram(WeightedSample.From(reference.Numeric), edges), edges);
        var h2 = Density(EvidentlyBinning.Histogram(WeightedSample.From(current.Numeric), edges), edges);
        var binWidth = (edges[^1] - edges[0]) / (edges.Length - 1);
        double overlap = 0;
        for (var i = 0; i < h1.Length; i++)
        {
            overlap += Math.Sqrt(h1[i] * h2[i]) * binWidth;
        }

        return new Outcome(Math.Sqrt(1 - Math.Clamp(overlap, 0, 1)), null, Approximate: false);
    }

    /// <summary>Evidently's categorical Hellinger: √(1 − Σ √(p·q)), the sum clipped to [0, 1].</summary>
    internal static double HellingerOfShares(double[] p, double[] q)
    {
        double overlap = 0;
        for (var i = 0; i < p.Length; i++)
        {
            overlap += Math.Sqrt(p[i] * q[i]);
        }

        return Math.Sqrt(1 - Math.Clamp(overlap, 0, 1));
    }

    private static double[] Density(double[] counts, double[] edges)
    {
        var total = counts.Sum();
        return counts.Select((count, i) => count / (edges[i + 1] - edges[i]) / total).ToArray();
    }

    private static Outcome CdfDistance(ColumnProfile reference, ColumnProfile current, int p, double divisor)
    {
        var r = WeightedSample.From(reference.Numeric!);
        var c = WeightedSample.From(current.Numeric!);
        var distance = SampleDistance.CdfDistance(p, r.Values, r.Weights, c.Values, c.Weights);
        return new Outcome(distance / divisor, null, !r.Exact || !c.Exact);
    }

    private static Outcome TTest(ColumnProfile reference, ColumnProfile current)
    {
        if (reference.Count + current.Count < 3)
        {
            return Outcome.Skip("The t-test needs at least three values in all.");
        }

        var r = reference.Numeric!;
        var c = current.Numeric!;
        var test = StudentT.FromMoments(reference.Count, r.Mean, SampleVariance(r.Std, reference.Count), current.Count, c.Mean, SampleVariance(c.Std, current.Count));
        return new Outcome(test.Statistic, test.PValue, Approximate: false);
    }

    private static double SampleVariance(double populationStd, long n) => n < 2 ? 0 : populationStd * populationStd * n / (n - 1);

    private static Outcome ExactSamples(ColumnProfile reference, ColumnProfile current, Func<double[], double[], TestResult> test)
    {
        var r = WeightedSample.From(reference.Numeric!);
        var c = WeightedSample.From(current.Numeric!);
        if (!r.Exact || !c.Exact || reference.Count + current.Count > MaxExpandedValues)
        {
            return Outcome.Skip("This method needs every value on both sides; a side had more distinct values than the sketch keeps exactly.");
        }

        var result = test(r.Expand(), c.Expand());
        return new Outcome(result.Statistic, result.PValue, Approximate: false);
    }

    private static Outcome Fisher(ColumnProfile reference, ColumnProfile current)
    {
        if (reference.Count != current.Count)
        {
            return Outcome.Skip($"Fisher's exact test (as Evidently runs it) needs samples of equal size, not {reference.Count} and {current.Count}.");
        }

        if (CategoryTable.From(reference, current) is not { } table || table.Keys.Length > 2 || table.Approximate)
        {
            return Outcome.Skip("Fisher's exact test needs a column with at most two values on both sides.");
        }

        // [[current ones, current zeros], [reference ones, reference zeros]]; which value is "one" does not change the two-sided p-value.
        var zeroRef = (long)table.Reference[0];
        var zeroCur = (long)table.Current[0];
        var p = FisherExact.TwoSided(current.Count - zeroCur, zeroCur, reference.Count - zeroRef, zeroRef);
        return new Outcome(double.NaN, p, Approximate: false) { HasStatistic = false };
    }

    private sealed record Outcome(double Statistic, double? PValue, bool Approximate)
    {
        public string? SkipReason { get; init; }

        public bool HasStatistic { get; init; } = true;

        public static Outcome Skip(string reason) => new(double.NaN, null, false) { SkipReason = reason };
    }
}
