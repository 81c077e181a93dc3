using System.Text.Json.Serialization;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// One column's drift result in a report: <c>{"name","kind","method","statistic","pValue","threshold","drifted"}</c>,
/// plus <see cref="Approximate"/> when a side was too large to keep exactly and the statistic came from sketches, and
/// <see cref="Note"/> when something needs saying (a skipped column, an infinite statistic).
/// </summary>
public sealed record ColumnDrift
{
    public required string Name { get; init; }

    [JsonConverter(typeof(ColumnKindJsonConverter))]
    public required ColumnKind Kind { get; init; }

    public required DriftMethod Method { get; init; }

    /// <summary>The test statistic or distance; null when it is not finite (see <see cref="Note"/>) or the column was skipped.</summary>
    public double? Statistic { get; init; }

    /// <summary>The p-value, for methods that have one.</summary>
    public double? PValue { get; init; }

    /// <summary>What the p-value (p-value methods) or the statistic (distances) is compared with.</summary>
    public required double Threshold { get; init; }

    public required bool Drifted { get; init; }

    /// <summary>Whether the statistic was computed from quantile sketches or folded categories rather than exact values.</summary>
    public bool Approximate { get; init; }

    /// <summary>Whether the column could not be checked (no values on a side, or a method that needs exact values); it does not count in the drifted share.</summary>
    public bool Skipped { get; init; }

    public string? Note { get; init; }
}
