namespace ModelOps.Training.Data;

/// <summary>How a column was inferred: numbers (with missing values as NaN) or text categories.</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
}
