using System.Text.Json.Serialization;

namespace ModelOps.Training.Validation;

/// <summary>
/// A fixed-bin histogram: <c>counts.Length</c> equal-width bins over [<see cref="Min"/>, <see cref="Max"/>] (the last
/// bin includes <see cref="Max"/>), plus <see cref="Underflow"/> and <see cref="Overflow"/> for values outside, so live
/// data can be binned with the baseline's edges for drift checks. When min = max every in-range value falls in bin 0.
/// JSON: <c>{"min":0,"max":10,"counts":[...],"underflow":0,"overflow":0}</c>.
/// </summary>
public sealed class Histogram
{
    private readonly long[] _counts;

    public Histogram(double min, double max, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min)
        {
            throw new ArgumentException($"A histogram needs finite bounds with min ≤ max, not [{min}, {max}].", nameof(min));
        }

        Min = min;
        Max = max;
        _counts = new long[bins];
    }

    [JsonConstructor]
    public Histogram(double min, double max, IReadOnlyList<long> counts, long underflow, long overflow)
        : this(min, max, (counts ?? throw new ArgumentNullException(nameof(counts))).Count)
    {
        for (var i = 0; i < counts.Count; i++)
        {
            _counts[i] = counts[i];
        }

        Underflow = underflow;
        Overflow = overflow;
    }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<long> Counts => _counts;

    public long Underflow { get; private set; }

    public long Overflow { get; private set; }

    /// <summary>Bin edges: <c>Counts.Count + 1</c> numbers from <see cref="Min"/> to <see cref="Max"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Edges =>
        Enumerable.Range(0, _counts.Length + 1).Select(i => i == _counts.Length ? Max : Min + ((Max - Min) * i / _counts.Length)).ToArray();

    /// <summary>Counts a value; NaN is ignored.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        if (value < Min)
        {
            Underflow++;
        }
        else if (value > Max)
        {
            Overflow++;
        }
        else
        {
            var width = Max - Min;
            var bin = width == 0 ? 0 : (int)((value - Min) / width * _counts.Length);
            _counts[Math.Min(bin, _counts.Length - 1)]++;
        }
    }
}
