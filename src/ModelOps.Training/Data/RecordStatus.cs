namespace ModelOps.Training.Data;

/// <summary>What <see cref="CsvReader.Read"/> found.</summary>
internal enum RecordStatus
{
    Record,
    End,
    TooLong,
    UnterminatedQuote,
}
