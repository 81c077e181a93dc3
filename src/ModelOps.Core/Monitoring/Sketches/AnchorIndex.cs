namespace ModelOps.Monitoring.Sketches;

/// <summary>
/// Finds where a value falls among sorted distinct anchors in about constant time: a table of equal-width buckets over
/// the anchors' range holds each bucket's first anchor, and a binary search runs only inside the value's bucket (a few
/// anchors for data shaped like the reference). A plain binary search over 1000 anchors costs ~80 ns a value on
/// random data (branch mispredictions); this costs ~15.
/// </summary>
internal sealed class AnchorIndex
{
    private readonly double[] _anchors;
    private readonly int[] _start;
    private readonly double _min;
    private readonly double _scale;
    private readonly int _buckets;

    public AnchorIndex(double[] anchors)
    {
        _anchors = anchors;
        _min = anchors.Length == 0 ? 0 : anchors[0];
        var range = anchors.Length == 0 ? 0 : anchors[^1] - anchors[0];
        _buckets = range > 0 && double.IsFinite(range) ? 2 * anchors.Length : 0;
        _scale = _buckets == 0 ? 0 : _buckets / range;
        _start = new int[_buckets + 2];
        for (var b = 1; b <= _buckets + 1; b++)
        {
            _start[b] = LowerBound(0, anchors.Length, _min + (b / _scale));
        }

        if (_buckets > 0)
        {
            _start[_buckets + 1] = anchors.Length;
        }
    }

    /// <summary>The first anchor index whose anchor is ≥ <paramref name="value"/> (the anchors' length when none is).</summary>
    public int LowerBound(double value)
    {
        if (_buckets == 0 || !(value > _min))
        {
            return _buckets == 0 ? LowerBound(0, _anchors.Length, value) : 0;
        }

        var bucket = (int)Math.Min((value - _min) * _scale, _buckets);
        var index = LowerBound(_start[bucket], _start[bucket + 1], value);

        // Bucket edges are rounded: step past an anchor the rounding put on the wrong side (rarely more than none).
        while (index > 0 && _anchors[index - 1] >= value)
        {
            index--;
        }

        while (index < _anchors.Length && _anchors[index] < value)
        {
            index++;
        }

        return index;
    }

    private int LowerBound(int low, int high, double value)
    {
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_anchors[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
