using System.Text.Json.Serialization;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// A per-column drift method, named as Evidently names its stat tests (and NannyML its L-infinity distance).
/// <see cref="DriftMethods"/> holds each one's default threshold and drift rule.
/// </summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov–Smirnov p-value (numeric).</summary>
    [JsonStringEnumMemberName("ks")]
    Ks,

    /// <summary>Chi-square goodness of fit of the current counts against the reference shares, p-value (categorical).</summary>
    [JsonStringEnumMemberName("chisquare")]
    ChiSquare,

    /// <summary>Two-proportion z-test p-value (categorical with at most two values).</summary>
    [JsonStringEnumMemberName("z")]
    Z,

    /// <summary>Jensen–Shannon distance of binned shares (both kinds).</summary>
    [JsonStringEnumMemberName("jensenshannon")]
    JensenShannon,

    /// <summary>Wasserstein distance divided by the reference's standard deviation (numeric).</summary>
    [JsonStringEnumMemberName("wasserstein")]
    Wasserstein,

    /// <summary>Population stability index of binned shares (both kinds).</summary>
    [JsonStringEnumMemberName("psi")]
    Psi,

    /// <summary>Hellinger distance of binned shares (both kinds).</summary>
    [JsonStringEnumMemberName("hellinger")]
    Hellinger,

    /// <summary>G-test (log-likelihood goodness of fit) p-value (categorical).</summary>
    [JsonStringEnumMemberName("g_test")]
    GTest,

    /// <summary>Student's t-test p-value (numeric).</summary>
    [JsonStringEnumMemberName("t_test")]
    TTest,

    /// <summary>Mann–Whitney U p-value, alternative "less" as Evidently runs it (numeric).</summary>
    [JsonStringEnumMemberName("mannw")]
    MannWhitney,

    /// <summary>k-sample Anderson–Darling significance level (numeric).</summary>
    [JsonStringEnumMemberName("anderson")]
    AndersonDarling,

    /// <summary>Energy distance (numeric).</summary>
    [JsonStringEnumMemberName("ed")]
    EnergyDistance,

    /// <summary>Fisher's exact test p-value (binary categorical, equal sample sizes).</summary>
    [JsonStringEnumMemberName("fisher_exact")]
    FisherExact,

    /// <summary>Largest difference of category shares (NannyML's L-infinity; categorical).</summary>
    [JsonStringEnumMemberName("l_infinity")]
    LInfinity,
}
