using System.Text.Json.Serialization;

namespace ModelOps.Monitoring.Quality;

/// <summary>
/// One column of a <see cref="MonitoringSchema"/>: its kind, the range seen in training (numeric) or its closed domain
/// (categorical; null for an open one), and the share of rows that lacked a value in training.
/// </summary>
public sealed record MonitoredColumn
{
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    [JsonConverter(typeof(ColumnKindJsonConverter))]
    public required ColumnKind Kind { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public IReadOnlyList<string>? Domain { get; init; }

    public double MissingRate { get; init; }

    public bool Required { get; init; }
}
