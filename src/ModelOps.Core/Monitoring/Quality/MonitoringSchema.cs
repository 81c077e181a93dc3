namespace ModelOps.Monitoring.Quality;

/// <summary>
/// The columns a model's traffic is checked against: training's schema as monitoring reads it. The JSON is the one
/// training stores with each version (<c>{"label","task","rowCount","columns":[{"name","type","min","max","domain","missingRate","required"}]}</c>);
/// fields monitoring does not use are ignored.
/// </summary>
public sealed record MonitoringSchema
{
    /// <summary>The label column of the training data, if any; it is not expected in captured requests.</summary>
    public string? Label { get; init; }

    public required IReadOnlyList<MonitoredColumn> Columns { get; init; }

    public MonitoredColumn? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
