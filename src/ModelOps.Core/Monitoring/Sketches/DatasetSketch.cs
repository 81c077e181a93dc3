using System.Globalization;
using ModelOps.Monitoring.Profiles;
using ModelOps.Monitoring.Quality;

namespace ModelOps.Monitoring.Sketches;

/// <summary>
/// One pass over a dataset (training data for a reference, or a captured window) into a column sketch per schema
/// column; <see cref="ToProfile"/> turns it into the <see cref="DatasetProfile"/> drift checks read. Columns are
/// independent, so a columnar reader can feed them in parallel (one writer per column).
/// </summary>
public sealed class DatasetSketch
{
    private readonly MonitoredColumn[] _columns;
    private readonly NumericColumnSketch?[] _numeric;
    private readonly CategoricalColumnSketch?[] _categorical;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <param name="schema">The columns to sketch, with the bounds and domains that count out-of-range values.</param>
    /// <param name="options">Sketch sizes; defaults when null.</param>
    /// <param name="reference">For a current window: the reference profile. Categorical columns then always count the
    /// reference's values exactly, and numeric columns for which <paramref name="anchor"/> holds (default: all) count
    /// around the reference's exact values when it kept them (see <see cref="AnchoredCounts"/>).</param>
    /// <param name="anchor">Which reference numeric columns to anchor on; null for all that kept exact values.</param>
    public DatasetSketch(MonitoringSchema schema, SketchOptions? options = null, DatasetProfile? reference = null, Func<ColumnProfile, bool>? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _columns = schema.Columns.ToArray();
        _numeric = new NumericColumnSketch?[_columns.Length];
        _categorical = new CategoricalColumnSketch?[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if (!_index.TryAdd(column.Name, i))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice in the schema.", nameof(schema));
            }

            var referenceColumn = reference?.Find(column.Name);
            if (column.Kind == ColumnKind.Numeric)
            {
                var anchors = referenceColumn?.Numeric?.Values is { } values && (anchor?.Invoke(referenceColumn) ?? true)
                    ? values.Select(v => v.Value).ToArray()
                    : null;
                _numeric[i] = new NumericColumnSketch(options, column.Min, column.Max, anchors);
            }
            else
            {
                _categorical[i] = new CategoricalColumnSketch(options, column.Domain, referenceColumn?.Categorical?.Top.Select(c => c.Value));
            }
        }
    }

    public IReadOnlyList<MonitoredColumn> Columns => _columns;

    /// <summary>The position of column <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => _index.GetValueOrDefault(name, -1);

    /// <summary>The sketch of numeric column <paramref name="column"/> (for columnar batches).</summary>
    public NumericColumnSketch Numeric(int column) =>
        _numeric[column] ?? throw new InvalidOperationException($"Column '{_columns[column].Name}' is categorical.");

    /// <summary>The sketch of categorical column <paramref name="column"/>.</summary>
    public CategoricalColumnSketch Categorical(int column) =>
        _categorical[column] ?? throw new InvalidOperationException($"Column '{_columns[column].Name}' is numeric.");

    /// <summary>Adds a number: as is to a numeric column (NaN is missing), as invariant text to a categorical one.</summary>
    public void Add(int column, double value)
    {
        if (_numeric[column] is { } numeric)
        {
            numeric.Add(value);
        }
        else
        {
            _categorical[column]!.Add(double.IsNaN(value) ? null : value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Adds a text value: null or empty is missing; a numeric column parses it (invariant culture) and counts text that
    /// is not a finite number as a type error.
    /// </summary>
    public void Add(int column, string? text)
    {
        if (_numeric[column] is { } numeric)
        {
            if (string.IsNullOrEmpty(text))
            {
                numeric.AddMissing();
            }
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                numeric.Add(value);
            }
            else
            {
                numeric.AddTypeError();
            }
        }
        else
        {
            _categorical[column]!.Add(string.IsNullOrEmpty(text) ? null : text);
        }
    }

    /// <summary>Rows seen: the most any column saw (a column not given a value in a row counts it as missing).</summary>
    public long RowCount => _columns.Length == 0 ? 0 : Enumerable.Range(0, _columns.Length).Max(ColumnRows);

    /// <summary>The profile of everything added so far (call once, at the end of the pass).</summary>
    public DatasetProfile ToProfile()
    {
        var rows = RowCount;
        return new DatasetProfile
        {
            RowCount = rows,
            Columns = _columns.Select((c, i) => _numeric[i]?.ToProfile(c.Name, rows) ?? _categorical[i]!.ToProfile(c.Name, rows)).ToArray(),
        };
    }

    private long ColumnRows(int column) => _numeric[column]?.Rows ?? _categorical[column]!.Rows;
}
