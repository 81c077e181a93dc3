namespace ModelOps.Training.Validation;

/// <summary>What is wrong with a dataset.</summary>
public enum AnomalyKind
{
    /// <summary>The file has no bytes, or only blank lines.</summary>
    EmptyFile,

    /// <summary>The file has a header but no rows.</summary>
    NoRows,

    /// <summary>A row has more or fewer fields than the header (the first such line is named).</summary>
    RaggedRows,

    /// <summary>Bytes that are not valid UTF-8 (the first such line is named).</summary>
    InvalidUtf8,

    /// <summary>A record longer than the limit, usually an unterminated quote.</summary>
    MalformedRecord,

    /// <summary>A column name appears twice in the header.</summary>
    DuplicateColumn,

    MissingColumn,

    ExtraColumn,

    /// <summary>A numeric column holds text values beyond the allowed share.</summary>
    TypeChange,

    UnseenCategories,

    OutOfRange,

    MissingRateJump,

    TooFewRows,

    SingleClassLabel,

    /// <summary>A column of numbers holds one without a finite float32 value (<c>inf</c>, <c>1e39</c>, a NaN spelling
    /// that is not a missing marker); training refuses such a column.</summary>
    NonFiniteNumber,
}
