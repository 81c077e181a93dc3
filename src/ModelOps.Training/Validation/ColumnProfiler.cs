using ModelOps.Monitoring.Sketches;
using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>
/// Accumulates one column in the first profiling pass, both ways at once (the type is known only at the end):
/// moments, min/max and a quantile sketch of the numbers (<see cref="CellParser"/>'s rule), and the counts of distinct
/// texts up to a cap. Memory is bounded by the sketch and the cap, whatever the number of rows.
/// </summary>
internal sealed class ColumnProfiler
{
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _trackCap;
    private double _mean;
    private double _m2;
    private Histogram? _histogram;

    public ColumnProfiler(string name, int trackCap, int sketchK)
    {
        Name = name;
        _trackCap = trackCap;
        _lookup = _categories.GetAlternateLookup<ReadOnlySpan<char>>();
        Sketch = new QuantileSketch(sketchK);
    }

    public string Name { get; }

    public long Present { get; private set; }

    public long Missing { get; private set; }

    /// <summary>How training would type the column, and whether it holds numbers without a float32 value.</summary>
    public NumericTracker Numbers { get; } = new();

    public QuantileSketch Sketch { get; }

    /// <summary>Distinct texts seen before the cap was reached (values first seen later are counted as untracked).</summary>
    public int Distinct => _categories.Count;

    public bool Capped { get; private set; }

    public long Untracked { get; private set; }

    public ColumnKind Kind => Numbers.AllNumbers ? ColumnKind.Numeric : ColumnKind.Categorical;

    /// <summary>Notes the cell <paramref name="index"/> of the scan's current row.</summary>
    public void Add(CsvScan scan, int index)
    {
        var kind = scan.Parser.Classify(scan.Record.Field(index), out var value);
        if (kind == CellKind.Missing)
        {
            Missing++;
            return;
        }

        Present++;
        var text = scan.Record.Chars(index);
        if (_lookup.TryGetValue(text, out var count))
        {
            _lookup[text] = count + 1;
        }
        else if (_categories.Count < _trackCap)
        {
            _lookup[text] = 1;
        }
        else
        {
            Capped = true;
            Untracked++;
        }

        Numbers.Add(kind, scan, index);
        if (kind == CellKind.Number && Numbers.AllNumbers)
        {
            var delta = value - _mean;
            _mean += delta / (Sketch.Count + 1);
            _m2 += delta * (value - _mean);
            Sketch.Add(value);
        }
    }

    /// <summary>Prepares the second pass: a histogram over the first pass's [min, max].</summary>
    public void StartHistogram(int bins)
    {
        if (Numbers.AllNumbers && Sketch.Count > 0)
        {
            _histogram = new Histogram(Sketch.Min, Sketch.Max, bins);
        }
    }

    /// <summary>Adds the cell <paramref name="index"/> of the scan's current row to the histogram, if it is a number.</summary>
    public void AddToHistogram(CsvScan scan, int index)
    {
        if (_histogram is not null && scan.Parser.Classify(scan.Record.Field(index), out var value) == CellKind.Number)
        {
            _histogram.Add(value);
        }
    }

    public ColumnSchema Schema(long rows, bool required, int domainCap) => new()
    {
        Name = Name,
        Type = Kind,
        Min = Kind == ColumnKind.Numeric && Sketch.Count > 0 ? Sketch.Min : null,
        Max = Kind == ColumnKind.Numeric && Sketch.Count > 0 ? Sketch.Max : null,
        Domain = Kind == ColumnKind.Categorical && !Capped && _categories.Count <= domainCap
            ? _categories.Keys.Order(StringComparer.Ordinal).ToArray()
            : null,
        MissingRate = rows == 0 ? 0 : (double)Missing / rows,
        Required = required,
    };

    public ColumnStatistics Statistics(int topK, int bins) => new()
    {
        Name = Name,
        Type = Kind,
        Count = Present,
        Missing = Missing,
        Numeric = Kind == ColumnKind.Numeric && Sketch.Count > 0
            ? new NumericStatistics
            {
                Mean = _mean,
                Std = Math.Sqrt(_m2 / Sketch.Count),
                Min = Sketch.Min,
                Max = Sketch.Max,
                Sketch = Sketch,
                Histogram = _histogram ?? new Histogram(Sketch.Min, Sketch.Max, bins),
            }
            : null,
        Categorical = Kind == ColumnKind.Categorical ? CategoricalStatistics(topK) : null,
    };

    /// <summary>The distinct present values (exact unless <see cref="Capped"/>).</summary>
    public IEnumerable<string> Values => _categories.Keys;

    private CategoricalStatistics CategoricalStatistics(int topK)
    {
        var top = _categories
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(topK)
            .Select(p => new CategoryCount(p.Key, p.Value))
            .ToArray();
        return new CategoricalStatistics
        {
            Top = top,
            OtherCount = Present - top.Sum(c => c.Count),
            DistinctCount = _categories.Count,
            DistinctCapped = Capped,
        };
    }
}
