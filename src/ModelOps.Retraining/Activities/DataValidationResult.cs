namespace ModelOps.Retraining;

/// <summary>What <see cref="ValidateDataActivity"/> found: the data's identity, shape, and where schema, statistics and report are.</summary>
public sealed record DataValidationResult
{
    /// <summary>The blob URI-style reference, e.g. <c>training-data/iris/2024.csv</c>.</summary>
    public required string DataUri { get; init; }

    /// <summary>Hex SHA-256 of the bytes read.</summary>
    public required string Sha256 { get; init; }

    public required long Bytes { get; init; }

    public required int Rows { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>The feature columns the model will take (configuration or all but the label).</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Blob (in the report container) of the inferred schema.</summary>
    public required string SchemaBlob { get; init; }

    /// <summary>Blob (in the report container) of the baseline statistics.</summary>
    public required string StatisticsBlob { get; init; }

    /// <summary>Blob (in the report container) of the validation report.</summary>
    public required string ReportBlob { get; init; }

    /// <summary>Numeric columns with a few text values (within the allowed share), read with those values as missing.</summary>
    public IReadOnlyList<string> CoercedColumns { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The champion version trained on exactly this data (SHA-256) with the same training configuration; the run then
    /// has nothing to do. Null otherwise.
    /// </summary>
    public int? SameAsChampion { get; init; }
}
