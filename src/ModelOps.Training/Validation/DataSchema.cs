namespace ModelOps.Training.Validation;

/// <summary>
/// The schema of a training dataset, inferred by <see cref="DataValidator.Profile(string, ProfileOptions)"/> on the first run
/// and checked by <see cref="DataValidator.Validate(string, DataSchema, ValidationOptions?)"/> later. JSON (camelCase, see
/// <see cref="ValidationJson"/>): <c>{"label":"y","task":"Binary","rowCount":n,"columns":[{"name","type","min","max","domain","missingRate","required"}]}</c>.
/// </summary>
public sealed record DataSchema
{
    /// <summary>The label column, if the data has one.</summary>
    public string? Label { get; init; }

    /// <summary>The task of the model trained on the data; for Binary and Multiclass the label needs two classes or more.</summary>
    public ModelTask? Task { get; init; }

    /// <summary>Rows in the data the schema was inferred from.</summary>
    public long RowCount { get; init; }

    public required IReadOnlyList<ColumnSchema> Columns { get; init; }

    public ColumnSchema? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
