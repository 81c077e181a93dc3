namespace ModelOps.Training.Data;

/// <summary>What a CSV cell holds under <see cref="CellParser"/>'s rule.</summary>
public enum CellKind
{
    /// <summary>One of the missing-value markers (<see cref="CsvReadOptions.MissingValues"/>).</summary>
    Missing,

    /// <summary>A decimal number whose float32 value is finite.</summary>
    Number,

    /// <summary>A number with no finite float32 value: a NaN or infinity spelling that is not a missing marker
    /// (<c>inf</c>, <c>-Infinity</c>, <c>NAN</c>), or a magnitude beyond float32's ±3.4028235e38 (<c>1e39</c>).
    /// In a column that is otherwise numeric it is an error in training and a blocking anomaly in validation.</summary>
    NonFinite,

    /// <summary>Anything else: the cell is text.</summary>
    Text,
}
