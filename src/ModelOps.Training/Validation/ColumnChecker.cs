using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>Accumulates one schema column while validating new data: missing values, text in a numeric column,
/// values out of range, values outside the domain (with a few examples), and distinct labels (up to two).</summary>
internal sealed class ColumnChecker
{
    private const int ExampleCount = 5;
    private readonly HashSet<string>? _domain;
    private readonly List<string> _unseenExamples = [];
    private string? _firstLabel;

    public ColumnChecker(ColumnSchema schema, int index)
    {
        Schema = schema;
        Index = index;
        if (schema.Type == ColumnKind.Categorical && schema.Domain is not null)
        {
            _domain = new HashSet<string>(schema.Domain, StringComparer.Ordinal);
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

    public void Add(string text, bool missing)
    {
        if (missing)
        {
            Missing++;
            return;
        }

        Present++;
        if (DistinctUpToTwo == 0)
        {
            _firstLabel = text;
            DistinctUpToTwo = 1;
        }
        else if (DistinctUpToTwo == 1 && !string.Equals(text, _firstLabel, StringComparison.Ordinal))
        {
            DistinctUpToTwo = 2;
        }

        if (Schema.Type == ColumnKind.Numeric)
        {
            if (!CsvScan.TryParseNumber(text, out var value))
            {
                Text++;
                FirstText ??= text;
            }
            else if ((Schema.Min is { } min && value < min) || (Schema.Max is { } max && value > max))
            {
                OutOfRange++;
            }
        }
        else if (_domain is not null && !_domain.Contains(text))
        {
            Unseen++;
            if (_unseenExamples.Count < ExampleCount && !_unseenExamples.Contains(text, StringComparer.Ordinal))
            {
                _unseenExamples.Add(text);
            }
        }
    }
}
