using System.Text.Json.Serialization;

namespace ModelOps.Monitoring.Profiles;

/// <summary>One column of a <see cref="DatasetProfile"/>: counts, and <see cref="Numeric"/> or <see cref="Categorical"/> by kind.</summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    [JsonConverter(typeof(ColumnKindJsonConverter))]
    public required ColumnKind Kind { get; init; }

    /// <summary>Rows with a present, well-typed value.</summary>
    public required long Count { get; init; }

    /// <summary>Rows with no value (null or empty).</summary>
    public required long Missing { get; init; }

    /// <summary>Rows whose value was present but not of the column's kind (text in a numeric column).</summary>
    public long TypeErrors { get; init; }

    /// <summary>Present values outside the schema: below its min or above its max, or not in a closed domain.</summary>
    public long OutOfRange { get; init; }

    public NumericProfile? Numeric { get; init; }

    public CategoricalProfile? Categorical { get; init; }

    /// <summary>Rows the column saw: present, missing and mistyped.</summary>
    [JsonIgnore]
    public long Rows => Count + Missing + TypeErrors;
}
