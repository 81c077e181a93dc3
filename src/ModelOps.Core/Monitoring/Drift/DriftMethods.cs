using System.Collections.Frozen;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// What each <see cref="DriftMethod"/> means for a column: its name, the kinds it applies to, its default threshold and
/// its drift rule, as Evidently's stat tests define them (src/evidently/legacy/calculations/stattests): p-value methods
/// drift when p &lt; threshold, except KS which drifts when p ≤ threshold; distances drift when the distance ≥ threshold,
/// except the energy distance (and NannyML's L-infinity here) which drift when it is &gt; threshold.
/// </summary>
public static class DriftMethods
{
    /// <summary>The name that asks for Evidently's choice by column kind and reference size (<see cref="DriftMethodSelector"/>).</summary>
    public const string Auto = "auto";

    private static readonly FrozenDictionary<DriftMethod, MethodInfo> Info = new Dictionary<DriftMethod, MethodInfo>
    {
        [DriftMethod.Ks] = new("ks", 0.05, PValue: true, Rule.AtMost, Kinds.Numeric),
        [DriftMethod.ChiSquare] = new("chisquare", 0.05, PValue: true, Rule.Below, Kinds.Categorical),
        [DriftMethod.Z] = new("z", 0.05, PValue: true, Rule.Below, Kinds.Categorical),
        [DriftMethod.JensenShannon] = new("jensenshannon", 0.1, PValue: false, Rule.AtLeast, Kinds.Both),
        [DriftMethod.Wasserstein] = new("wasserstein", 0.1, PValue: false, Rule.AtLeast, Kinds.Numeric),
        [DriftMethod.Psi] = new("psi", 0.1, PValue: false, Rule.AtLeast, Kinds.Both),
        [DriftMethod.Hellinger] = new("hellinger", 0.1, PValue: false, Rule.AtLeast, Kinds.Both),
        [DriftMethod.GTest] = new("g_test", 0.1, PValue: true, Rule.Below, Kinds.Categorical),
        [DriftMethod.TTest] = new("t_test", 0.05, PValue: true, Rule.Below, Kinds.Numeric),
        [DriftMethod.MannWhitney] = new("mannw", 0.05, PValue: true, Rule.Below, Kinds.Numeric),
        [DriftMethod.AndersonDarling] = new("anderson", 0.1, PValue: true, Rule.Below, Kinds.Numeric),
        [DriftMethod.EnergyDistance] = new("ed", 0.1, PValue: false, Rule.Above, Kinds.Numeric),
        [DriftMethod.FisherExact] = new("fisher_exact", 0.1, PValue: true, Rule.Below, Kinds.Categorical),
        [DriftMethod.LInfinity] = new("l_infinity", 0.1, PValue: false, Rule.Above, Kinds.Categorical),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, DriftMethod> ByName =
        Info.ToFrozenDictionary(p => p.Value.Name, p => p.Key, StringComparer.Ordinal);

    /// <summary>
    /// Evidently stat tests that are not offered, with the reason; asking for one is an error that says why.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TVD"] = "Evidently's total-variation test takes its p-value from a permutation test driven by numpy's seeded random stream (np.random.seed(0), 1000 shuffles), which cannot be reproduced outside numpy; use 'chisquare' or 'jensenshannon' for categorical columns.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The method's name as settings and reports spell it (Evidently's).</summary>
    public static string Name(DriftMethod method) => Info[method].Name;

    /// <summary>The threshold used when none is configured.</summary>
    public static double DefaultThreshold(DriftMethod method) => Info[method].DefaultThreshold;

    /// <summary>Whether the method's score is a p-value (compared with the threshold from below) rather than a distance.</summary>
    public static bool UsesPValue(DriftMethod method) => Info[method].PValue;

    /// <summary>Whether the method applies to columns of <paramref name="kind"/>.</summary>
    public static bool Supports(DriftMethod method, ColumnKind kind) =>
        Info[method].Kinds == Kinds.Both || (Info[method].Kinds == Kinds.Numeric) == (kind == ColumnKind.Numeric);

    /// <summary>Applies the method's drift rule to its score (the p-value or the distance).</summary>
    public static bool IsDrift(DriftMethod method, double score, double threshold) => Info[method].Rule switch
    {
        Rule.Below => score < threshold,
        Rule.AtMost => score <= threshold,
        Rule.AtLeast => score >= threshold,
        _ => score > threshold,
    };

    /// <summary>
    /// Reads a method name from settings: <see cref="Auto"/> gives null (choose by column), a known name its method;
    /// otherwise false with a message naming the supported methods, or the reason a known Evidently test is not supported.
    /// </summary>
    public static bool TryParse(string name, out DriftMethod? method, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        method = null;
        error = null;
        if (string.Equals(name, Auto, StringComparison.Ordinal))
        {
            return true;
        }

        if (ByName.TryGetValue(name, out var known))
        {
            method = known;
            return true;
        }

        error = Unsupported.TryGetValue(name, out var reason)
            ? $"The drift method '{name}' is not supported: {reason}"
            : $"Unknown drift method '{name}'; the methods are '{Auto}', {string.Join(", ", Info.Values.Select(i => $"'{i.Name}'").Order(StringComparer.Ordinal))}.";
        return false;
    }

    private enum Rule
    {
        Below,
        AtMost,
        AtLeast,
        Above,
    }

    private enum Kinds
    {
        Numeric,
        Categorical,
        Both,
    }

    private sealed record MethodInfo(string Name, double DefaultThreshold, bool PValue, Rule Rule, Kinds Kinds);
}
