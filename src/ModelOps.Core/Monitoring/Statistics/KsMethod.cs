namespace ModelOps.Monitoring.Statistics;

/// <summary>How the p-value of a two-sample Kolmogorov–Smirnov test is computed (scipy's <c>method</c>).</summary>
public enum KsMethod
{
    /// <summary>Exact when both samples have at most <see cref="KolmogorovSmirnov.MaxExactSize"/> values, asymptotic otherwise.</summary>
    Auto,

    /// <summary>The exact distribution of the statistic (falls back to <see cref="Asymptotic"/> when it overflows).</summary>
    Exact,

    /// <summary>Two-sided: the one-sample distribution at n = round(n₁n₂/(n₁+n₂)); one-sided: Hodges' approximation.</summary>
    Asymptotic,
}
