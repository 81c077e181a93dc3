using ModelOps.Monitoring.Sketches;
using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>
/// Accumulates one column in the first profiling pass, both ways at once (the type is known only at the end):
/// moments, min/max and a quantile sketch of the values that parse as numbers, and the counts of distinct texts up
/// to a cap. Memory is bounded by the sketch and the cap, whatever the number of rows.
/// </summary>
internal sealed class ColumnProfiler
{
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
    private readonly int _trackCap;
    private double _mean;
    private double _m2;
    private Histogram? _histogram;

    public ColumnProfiler(string name, int trackCap, int sketchK)
    {
        Name = name;
        _trackCap = trackCap;
        Sketch = new QuantileSketch(sketchK);
    }

    public string Name { get; }

    public long Present { get; private set; }

    public long Missing { get; private set; }

    /// <summary>Whether every present value so far parsed as a finite number.</summary>
    public bool AllNumeric { get; private set; } = true;

    public QuantileSketch Sketch { get; }

    /// <summary>Distinct texts seen before the cap was reached (values first seen later are counted as untracked).</summary>
    public int Distinct => _categories.Count;

    public bool Capped { get; private set; }

    public long Untracked { get; private set; }

    public ColumnKind Kind => AllNumeric ? ColumnKind.Numeric : ColumnKind.Categorical;

    public void Add(string text, bool missing)
    {
        if (missing)
        {
            Missing++;
            return;
        }

        Present++;
        if (_categories.TryGetValue(text, out var count))
        {
            _categories[text] = count + 1;
        }
        else if (_categories.Count < _trackCap)
        {
            _categories[text] = 1;
        }
        else
        {
            Capped = true;
            Untracked++;
        }

        if (AllNumeric)
        {
            if (CsvScan.TryParseNumber(text, out var value))
            {
                var delta = value - _mean;
                _mean += delta / (Sketch.Count + 1);
                _m2 += delta * (value - _mean);
                Sketch.Add(value);
            }
            else
            {
                AllNumeric = false;
            }
        }
    }

    /// <summary>Prepares the second pass: a histogram over the first pass's [min, max].</summary>
    public void StartHistogram(int bins)
    {
        if (AllNumeric && Sketch.Count > 0)
        {
            _histogram = new Histogram(Sketch.Min, Sketch.Max, bins);
        }
    }

    public void AddToHistogram(string text, bool missing)
    {
        if (_histogram is not null && !missing && CsvScan.TryParseNumber(text, out var value))
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
