namespace ModelOps.Monitoring.Statistics;

/// <summary>The alternative hypothesis of a two-sample Kolmogorov–Smirnov test, as scipy names them.</summary>
public enum KsAlternative
{
    /// <summary>The distributions differ (statistic: the largest |F₁ − F₂|).</summary>
    TwoSided,

    /// <summary>F₁ lies below F₂ somewhere (statistic: the largest F₂ − F₁).</summary>
    Less,

    /// <summary>F₁ lies above F₂ somewhere (statistic: the largest F₁ − F₂).</summary>
    Greater,
}
