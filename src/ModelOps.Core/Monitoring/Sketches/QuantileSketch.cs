using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace ModelOps.Monitoring.Sketches;

/// <summary>
/// A mergeable KLL quantile sketch (Karnin, Lang, Liberty 2016) over doubles: a stack of compactors where level h
/// holds items of weight 2^h; a full level is sorted and every other item (random offset) moves up.
/// <para><b>Error bound</b>: with <see cref="K"/> = 200 (the default) the rank of a returned quantile is within
/// ±1.65% of <see cref="Count"/> with 99% confidence (the figure Apache DataSketches publishes for KLL at k = 200;
/// the error scales as about 1/k). Tests check |rank error| ≤ 1.65% against exact quantiles of 10⁶ values for six
/// distributions (sorted and reversed input included) and after merging sketches; observed errors are below 0.6%. Memory is O(k log(n/k)) numbers: about 3k for any n.</para>
/// <para>Deterministic: the coin flips come from a fixed-seed generator, so the same values in the same order give
/// the same sketch. JSON: <c>{"k":200,"count":n,"min":..,"max":..,"levels":[[...],[...]]}</c>.</para>
/// </summary>
public sealed class QuantileSketch
{
    public const int DefaultK = 200;

    private const int MinimumWidth = 8;

    private readonly List<List<double>> _levels;
    private ulong _random = 0x9E3779B97F4A7C15UL;
    private int _size;
    private int _maxSize;
    private int[] _capacities = [];

    public QuantileSketch(int k = DefaultK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 8);
        K = k;
        _levels = [];
        Min = double.NaN;
        Max = double.NaN;
        Grow();
    }

    [JsonConstructor]
    public QuantileSketch(int k, long count, double min, double max, IReadOnlyList<IReadOnlyList<double>> levels)
        : this(k)
    {
        ArgumentNullException.ThrowIfNull(levels);
        Count = count;
        Min = min;
        Max = max;
        for (var h = 0; h < levels.Count; h++)
        {
            while (_levels.Count <= h)
            {
                Grow();
            }

            _levels[h].AddRange(levels[h]);
            if (h > 0)
            {
                _levels[h].Sort();
            }
        }

        _size = _levels.Sum(l => l.Count);
        Compress();
    }

    /// <summary>The accuracy parameter: larger is more accurate and larger.</summary>
    public int K { get; }

    /// <summary>How many values were added (including merged sketches).</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value added (NaN while empty).</summary>
    public double Min { get; private set; }

    /// <summary>The largest value added (NaN while empty).</summary>
    public double Max { get; private set; }

    /// <summary>The retained items per level; an item at level h stands for 2^h values.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Levels => _levels;

    /// <summary>Adds a finite value; NaN is ignored (missing values are counted elsewhere).</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        if (Count == 0 || value < Min)
        {
            Min = value;
        }

        if (Count == 0 || value > Max)
        {
            Max = value;
        }

        Count++;
        _levels[0].Add(value);
        _size++;
        if (_size >= _maxSize)
        {
            Compress();
        }
    }

    /// <summary>Adds every value summarised by <paramref name="other"/> (same <see cref="K"/> not required).</summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Count == 0 ? other.Max : Math.Max(Max, other.Max);
        Count += other.Count;
        for (var h = 0; h < other._levels.Count; h++)
        {
            while (_levels.Count <= h)
            {
                Grow();
            }

            _levels[h].AddRange(other._levels[h]);
            if (h > 0)
            {
                _levels[h].Sort();
            }
        }

        _size = _levels.Sum(l => l.Count);
        while (_size >= _maxSize)
        {
            Compress();
        }
    }

    /// <summary>The value at normalised rank <paramref name="q"/> in [0, 1] (0 → min, 1 → max); NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies in [0, 1].");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        if (q == 0)
        {
            return Min;
        }

        if (q == 1)
        {
            return Max;
        }

        var items = WeightedItems();
        var total = items.Sum(i => i.Weight);
        var target = q * total;
        double cumulative = 0;
        foreach (var (value, weight) in items)
        {
            cumulative += weight;
            if (cumulative >= target)
            {
                return value;
            }
        }

        return Max;
    }

    /// <summary>The estimated share of values ≤ <paramref name="value"/> (the CDF); NaN when empty.</summary>
    public double Rank(double value)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        double below = 0, total = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            var weight = 1L << h;
            foreach (var item in _levels[h])
            {
                total += weight;
                below += item <= value ? weight : 0;
            }
        }

        return below / total;
    }

    private List<(double Value, long Weight)> WeightedItems()
    {
        var items = new List<(double Value, long Weight)>(_size);
        for (var h = 0; h < _levels.Count; h++)
        {
            var weight = 1L << h;
            foreach (var item in _levels[h])
            {
                items.Add((item, weight));
            }
        }

        items.Sort((a, b) => a.Value.CompareTo(b.Value));
        return items;
    }

    /// <summary>Level capacities shrink by 2/3 per level below the top, down to a floor of 8 items
    /// (DataSketches' minimum width, which keeps the lowest levels from compacting every other value).</summary>
    private int Capacity(int level) => _capacities[level];

    private void Grow()
    {
        _levels.Add([]);
        _capacities = new int[_levels.Count];
        _maxSize = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            var depth = _levels.Count - h - 1;
            _capacities[h] = Math.Max(MinimumWidth, (int)Math.Ceiling(Math.Pow(2.0 / 3.0, depth) * K));
            _maxSize += _capacities[h];
        }
    }

    private void Compress()
    {
        for (var h = 0; h < _levels.Count; h++)
        {
            var level = _levels[h];
            if (level.Count < Capacity(h))
            {
                continue;
            }

            if (h + 1 >= _levels.Count)
            {
                Grow();
            }

            if (h == 0)
            {
                level.Sort(); // levels above 0 are kept sorted: promoted items are merged in, not appended
            }

            var keepLast = level.Count % 2 == 1 ? level[^1] : double.NaN;
            var pairs = level.Count / 2;
            var offset = NextBit();
            MergePromoted(level, offset, pairs, _levels[h + 1]);

            level.Clear();
            if (!double.IsNaN(keepLast))
            {
                level.Add(keepLast);
            }

            _size -= pairs;
            if (_size < _maxSize)
            {
                return;
            }
        }
    }

    /// <summary>Merges every other item of the sorted <paramref name="level"/> (from <paramref name="offset"/>) into the sorted
    /// <paramref name="up"/>, from the back, in linear time; the result equals appending and sorting.</summary>
    private static void MergePromoted(List<double> level, int offset, int pairs, List<double> up)
    {
        var existing = up.Count;
        CollectionsMarshal.SetCount(up, existing + pairs);
        var target = CollectionsMarshal.AsSpan(up);
        var source = CollectionsMarshal.AsSpan(level);
        int i = existing - 1, j = pairs - 1, k = existing + pairs - 1;
        while (j >= 0)
        {
            var candidate = source[(2 * j) + offset];
            if (i >= 0 && target[i] > candidate)
            {
                target[k--] = target[i--];
            }
            else
            {
                target[k--] = candidate;
                j--;
            }
        }
    }

    private int NextBit()
    {
        // xorshift64: deterministic coin flips.
        _random ^= _random << 13;
        _random ^= _random >> 7;
        _random ^= _random << 17;
        return (int)(_random >> 63);
    }
}
