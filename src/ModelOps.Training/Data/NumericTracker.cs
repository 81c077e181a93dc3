namespace ModelOps.Training.Data;

/// <summary>
/// Follows one column through a pass the way training types it: numeric while every present cell is a
/// <see cref="CellKind.Number"/> or <see cref="CellKind.NonFinite"/>. A numeric column holding a non-finite cell
/// cannot be loaded (a float32 model input has no value for it), so training refuses it and validation blocks it,
/// with the same message.
/// </summary>
internal sealed class NumericTracker
{
    /// <summary>Whether every present cell so far is a number (finite in float32 or not).</summary>
    public bool AllNumbers { get; private set; } = true;

    public long NonFiniteCount { get; private set; }

    /// <summary>The first non-finite cell and its line.</summary>
    public string? FirstNonFinite { get; private set; }

    public long FirstNonFiniteLine { get; private set; }

    /// <summary>Whether training refuses the column: numeric, with a non-finite cell.</summary>
    public bool Unloadable => AllNumbers && NonFiniteCount > 0;

    /// <summary>Notes the cell <paramref name="index"/> of the scan's current row, of kind <paramref name="kind"/>.</summary>
    public void Add(CellKind kind, CsvScan scan, int index)
    {
        if (!AllNumbers)
        {
            return;
        }

        if (kind == CellKind.Text)
        {
            AllNumbers = false;
        }
        else if (kind == CellKind.NonFinite && NonFiniteCount++ == 0)
        {
            FirstNonFinite = scan.Record.Text(index);
            FirstNonFiniteLine = scan.LineNumber;
        }
    }

    /// <summary>Why the column cannot be loaded (when <see cref="Unloadable"/>), the same words in training and validation.</summary>
    public string Message(string column, CellParser parser) =>
        CsvScan.NonFiniteMessage(column, FirstNonFinite ?? string.Empty, FirstNonFiniteLine, NonFiniteCount, parser);
}
