namespace ModelOps.Monitoring.Statistics;

/// <summary>The statistic of a chi-square-family test (scipy's <c>lambda_</c> of <c>power_divergence</c>).</summary>
public enum PowerDivergence
{
    /// <summary>Pearson's chi-square Σ (O − E)² / E (λ = 1).</summary>
    Pearson,

    /// <summary>The G statistic 2 Σ O ln(O / E) (λ = 0, "log-likelihood").</summary>
    LogLikelihood,
}
