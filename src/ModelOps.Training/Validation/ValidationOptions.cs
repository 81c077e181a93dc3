using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>Thresholds for <see cref="DataValidator"/>; every property has a documented default.</summary>
public sealed record ValidationOptions
{
    /// <summary>How to read the file (separator, header, missing-value texts, record length limit), exactly as training
    /// reads it. Default: <see cref="CsvReadOptions"/>' defaults.</summary>
    public CsvReadOptions Csv { get; init; } = new();

    /// <summary>Fewer well-formed rows than this is blocking (<see cref="AnomalyKind.TooFewRows"/>). Default 10.</summary>
    public long MinRows { get; init; } = 10;

    /// <summary>The share of present values of a numeric column that may be text before it is a blocking
    /// <see cref="AnomalyKind.TypeChange"/>. Default 0.01 (1%).</summary>
    public double MaxNonNumericShare { get; init; } = 0.01;

    /// <summary>The share of present values of a categorical column outside the schema's domain above which
    /// <see cref="AnomalyKind.UnseenCategories"/> is reported. Default 0.01.</summary>
    public double MaxUnseenCategoryShare { get; init; } = 0.01;

    /// <summary>Severity of unseen categories. Default <see cref="AnomalySeverity.Warning"/>.</summary>
    public AnomalySeverity UnseenCategorySeverity { get; init; } = AnomalySeverity.Warning;

    /// <summary>The share of present numeric values outside the schema's [min, max] above which
    /// <see cref="AnomalyKind.OutOfRange"/> (warning) is reported. Default 0.01.</summary>
    public double MaxOutOfRangeShare { get; init; } = 0.01;

    /// <summary>How much the missing rate may rise above the schema's (absolute, 0.1 = 10 percentage points) before a
    /// <see cref="AnomalyKind.MissingRateJump"/> warning. Default 0.1.</summary>
    public double MaxMissingRateIncrease { get; init; } = 0.1;

    /// <summary>Checks the values against their documented ranges; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void EnsureValid()
    {
        ArgumentNullException.ThrowIfNull(Csv);
        Csv.EnsureValid();
        Share(MaxNonNumericShare, nameof(MaxNonNumericShare));
        Share(MaxUnseenCategoryShare, nameof(MaxUnseenCategoryShare));
        Share(MaxOutOfRangeShare, nameof(MaxOutOfRangeShare));
        Share(MaxMissingRateIncrease, nameof(MaxMissingRateIncrease));
        if (MinRows < 0)
        {
            throw new ArgumentException($"{nameof(MinRows)} must be zero or more, not {MinRows}.", nameof(MinRows));
        }

        static void Share(double value, string name)
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentException($"{name} is a share in [0, 1], not {value}.", name);
            }
        }
    }
}
