namespace ModelOps.Training.Data;

/// <summary>What <see cref="CsvReader.Read"/> found.</summary>
public enum RecordStatus
{
    Record,
    End,
    TooLong,
    UnterminatedQuote,
}
