namespace ModelOps.Monitoring.Quality;

/// <summary>The data-quality part of a drift report: per-column signals and how many columns have an issue.</summary>
public sealed record DataQualityReport
{
    public required long Rows { get; init; }

    public required IReadOnlyList<ColumnQuality> Columns { get; init; }

    public required int ColumnsWithIssues { get; init; }
}
