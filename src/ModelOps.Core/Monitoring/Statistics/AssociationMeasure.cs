namespace ModelOps.Monitoring.Statistics;

/// <summary>Measures of association of a two-way table, from its uncorrected chi-square (scipy's <c>contingency.association</c>).</summary>
public enum AssociationMeasure
{
    /// <summary>Cramér's V: √(χ²/n / min(r − 1, c − 1)).</summary>
    Cramer,

    /// <summary>Tschuprow's T: √(χ²/n / √((r − 1)(c − 1))).</summary>
    Tschuprow,

    /// <summary>Pearson's contingency coefficient: √(χ² / (χ² + n)).</summary>
    Pearson,
}
