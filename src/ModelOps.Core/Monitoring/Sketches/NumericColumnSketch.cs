using System.Runtime.InteropServices;
using ModelOps.Monitoring.Profiles;

namespace ModelOps.Monitoring.Sketches;

/// <summary>
/// Accumulates one numeric column in one pass with bounded memory: counts (present, missing, mistyped, out of range),
/// exact moments and extremes (Welford), a KLL sketch, the exact distinct values while at most
/// <see cref="SketchOptions.ExactCap"/>, and optionally exact counts around a reference's values (see <see cref="AnchoredCounts"/>).
/// Not thread-safe: one writer per column.
/// </summary>
public sealed class NumericColumnSketch
{
    private readonly QuantileSketch _sketch;
    private readonly int _exactCap;
    private readonly double _lowerBound;
    private readonly double _upperBound;
    private readonly double[]? _anchors;
    private readonly AnchorIndex? _anchorIndex;
    private readonly long[]? _at;
    private readonly long[]? _below;
    private Dictionary<double, long>? _values = [];
    private long _count;
    private long _missing;
    private long _typeErrors;
    private long _outOfRange;
    private double _mean;
    private double _m2;

    /// <param name="options">Sizes; defaults when null.</param>
    /// <param name="minimum">Values below are counted out of range (the schema's min); null for no bound.</param>
    /// <param name="maximum">Values above are counted out of range (the schema's max); null for no bound.</param>
    /// <param name="anchors">The reference's distinct values, ascending, to count around; null for none.</param>
    public NumericColumnSketch(SketchOptions? options = null, double? minimum = null, double? maximum = null, IReadOnlyList<double>? anchors = null)
    {
        options ??= new SketchOptions();
        _sketch = new QuantileSketch(options.QuantileK);
        _exactCap = options.ExactCap;
        _lowerBound = minimum ?? double.NegativeInfinity;
        _upperBound = maximum ?? double.PositiveInfinity;
        if (anchors is not null)
        {
            _anchors = anchors.ToArray();
            for (var i = 1; i < _anchors.Length; i++)
            {
                if (!(_anchors[i] > _anchors[i - 1]))
                {
                    throw new ArgumentException("Anchors must be distinct, finite and ascending.", nameof(anchors));
                }
            }

            _anchorIndex = new AnchorIndex(_anchors);
            _at = new long[_anchors.Length];
            _below = new long[_anchors.Length + 1];
        }
    }

    /// <summary>Counts a value: NaN is missing, ±∞ a type error (not a finite number).</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            _missing++;
            return;
        }

        if (double.IsInfinity(value))
        {
            _typeErrors++;
            return;
        }

        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
        if (value < _lowerBound || value > _upperBound)
        {
            _outOfRange++;
        }

        _sketch.Add(value);
        if (_values is not null)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_values, value, out _)++;
            if (_values.Count > _exactCap)
            {
                _values = null;
            }
        }

        if (_anchorIndex is not null)
        {
            var index = _anchorIndex.LowerBound(value);
            if (index < _anchors!.Length && _anchors[index] == value)
            {
                _at![index]++;
            }
            else
            {
                _below![index]++;
            }
        }
    }

    /// <summary>Counts a batch of values (a column chunk of a captured window); NaN is missing.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public void AddMissing() => _missing++;

    /// <summary>Counts a present value that is not a number.</summary>
    public void AddTypeError() => _typeErrors++;

    /// <summary>Rows seen: present, missing and mistyped.</summary>
    public long Rows => _count + _missing + _typeErrors;

    /// <summary>The column as a profile; <paramref name="rows"/> (at least <see cref="Rows"/>) counts unseen rows as missing.</summary>
    public ColumnProfile ToProfile(string name, long? rows = null) => new()
    {
        Name = name,
        Kind = ColumnKind.Numeric,
        Count = _count,
        Missing = _missing + Math.Max(0, (rows ?? Rows) - Rows),
        TypeErrors = _typeErrors,
        OutOfRange = _outOfRange,
        Numeric = _count == 0 ? null : new NumericProfile
        {
            Mean = _mean,
            Std = Math.Sqrt(_m2 / _count),
            Min = _sketch.Min,
            Max = _sketch.Max,
            Sketch = _sketch,
            Values = _values?.OrderBy(p => p.Key).Select(p => new ValueCount(p.Key, p.Value)).ToArray(),
            Anchored = _anchors is null ? null : new AnchoredCounts(_anchors, _at!, _below!),
        },
    };
}
