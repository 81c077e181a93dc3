namespace ModelOps.Training.Validation;

/// <summary>
/// Baseline statistics of a dataset, stored with the model version and compared with live data by monitoring.
/// JSON: <c>{"rowCount":n,"columns":[{"name","type","count","missing","numeric":{"mean","std","min","max","sketch","histogram"},"categorical":{"top":[{"value","count"}],"otherCount","distinctCount","distinctCapped"}}]}</c>.
/// </summary>
public sealed record BaselineStatistics
{
    public required long RowCount { get; init; }

    public required IReadOnlyList<ColumnStatistics> Columns { get; init; }

    public ColumnStatistics? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
