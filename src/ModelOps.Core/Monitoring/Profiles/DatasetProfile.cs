namespace ModelOps.Monitoring.Profiles;

/// <summary>
/// What one pass over a dataset leaves behind for drift checks, with memory bounded whatever the number of rows: per
/// column counts, moments, a quantile sketch and exact values or frequencies while they are few. The same type is the
/// reference (from the training data, stored with the model version) and the current window (from captured traffic).
/// <para>JSON (camelCase) is a superset of training's baseline statistics
/// (<c>{"rowCount","columns":[{"name","type","count","missing","numeric":{"mean","std","min","max","sketch"},"categorical":{"top","otherCount","distinctCount","distinctCapped"}}]}</c>),
/// so a baseline written before this type existed loads as a profile without exact values (checks on it are
/// sketch-based and marked approximate).</para>
/// </summary>
public sealed record DatasetProfile
{
    /// <summary>Rows seen.</summary>
    public required long RowCount { get; init; }

    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    public ColumnProfile? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
