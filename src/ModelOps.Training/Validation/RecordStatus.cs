namespace ModelOps.Training.Validation;

/// <summary>What <see cref="Utf8CsvReader.Read"/> found.</summary>
internal enum RecordStatus
{
    Record,
    End,
    TooLong,
    UnterminatedQuote,
}
