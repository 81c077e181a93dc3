namespace ModelOps.Storage;

/// <summary>
/// A table row. Property values are <see cref="string"/>, <see cref="long"/>, <see cref="int"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/> or <see cref="byte"/>[] (the types Table storage keeps).
/// </summary>
public sealed class TableEntity
{
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>Set by the store on reads.</summary>
    public string? ETag { get; set; }

    /// <summary>Set by the store on reads.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public object? this[string property]
    {
        get => Properties.GetValueOrDefault(property);
        set => Properties[property] = value;
    }

    public string? GetString(string property) => Properties.GetValueOrDefault(property) as string;

    public long? GetInt64(string property) => Properties.GetValueOrDefault(property) switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    public double? GetDouble(string property) => Properties.GetValueOrDefault(property) switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };

    public bool? GetBoolean(string property) => Properties.GetValueOrDefault(property) as bool?;

    public DateTimeOffset? GetDateTimeOffset(string property) => Properties.GetValueOrDefault(property) as DateTimeOffset?;
}
