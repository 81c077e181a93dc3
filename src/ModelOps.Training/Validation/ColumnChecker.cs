using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>Accumulates one schema column while validating new data: missing values, text in a numeric column,
/// values out of range, values outside the domain (with a few examples), and distinct labels (up to two). Cells are
/// classified by <see cref="CellParser"/>, as training reads them.</summary>
internal sealed class ColumnChecker
{
    private const int ExampleCount = 5;
    private readonly HashSet<string>? _domain;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _domainLookup;
    private readonly List<string> _unseenExamples = [];
    private byte[] _firstValue = [];

    public ColumnChecker(ColumnSchema schema, int index)
    {
        Schema = schema;
        Index = index;
        if (schema.Type == ColumnKind.Categorical && schema.Domain is not null)
        {
            _domain = new HashSet<string>(schema.Domain, StringComparer.Ordinal);
            _domainLookup = _domain.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    public ColumnSchema Schema { get; }

    /// <summary>The column's position in the file's header.</summary>
    public int Index { get; }

    public long Present { get; private set; }

    public long Missing { get; private set; }

    public long Text { get; private set; }

    public string? FirstText { get; private set; }

    public long OutOfRange { get; private set; }

    public long Unseen { get; private set; }

    public IReadOnlyList<string> UnseenExamples => _unseenExamples;

    /// <summary>Distinct present values seen, counted up to 2 (enough to tell a single-class label).</summary>
    public int DistinctUpToTwo { get; private set; }

    /// <summary>Notes the cell of the scan's current row of kind <paramref name="kind"/> and number <paramref name="value"/>.</summary>
    public void Add(CsvScan scan, CellKind kind, double value)
    {
        if (kind == CellKind.Missing)
        {
            Missing++;
            return;
        }

        Present++;
        var field = scan.Record.Field(Index);
        if (DistinctUpToTwo == 0)
        {
            _firstValue = field.ToArray();
            DistinctUpToTwo = 1;
        }
        else if (DistinctUpToTwo == 1 && !field.SequenceEqual(_firstValue))
        {
            DistinctUpToTwo = 2;
        }

        if (Schema.Type == ColumnKind.Numeric)
        {
            // A number without a float32 value counts as text here (training reads it so once the column holds text);
            // in a column of numbers only it is blocking on its own (NumericTracker).
            if (kind != CellKind.Number)
            {
                Text++;
                FirstText ??= scan.Record.Text(Index);
            }
            else if ((Schema.Min is { } min && value < min) || (Schema.Max is { } max && value > max))
            {
                OutOfRange++;
            }
        }
        else if (_domain is not null)
        {
            var text = scan.Record.Chars(Index);
            if (!_domainLookup.Contains(text))
            {
                Unseen++;
                if (_unseenExamples.Count < ExampleCount && !Contains(_unseenExamples, text))
                {
                    _unseenExamples.Add(text.ToString());
                }
            }
        }
    }

    private static bool Contains(List<string> examples, ReadOnlySpan<char> text)
    {
        foreach (var example in examples)
        {
            if (text.SequenceEqual(example))
            {
                return true;
            }
        }

        return false;
    }
}
