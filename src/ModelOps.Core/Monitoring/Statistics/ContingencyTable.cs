namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// An N-dimensional table of observed counts, stored row-major (the last index varies fastest), as numpy lays out the
/// array scipy's <c>chi2_contingency</c> takes. Drift checks use two rows (reference, current) by category.
/// </summary>
public sealed class ContingencyTable
{
    private readonly double[] _counts;
    private readonly int[] _shape;

    /// <param name="shape">The size of each dimension (each at least 1).</param>
    /// <param name="counts">The counts, row-major; their number is the product of <paramref name="shape"/>.</param>
    public ContingencyTable(IReadOnlyList<int> shape, IReadOnlyList<double> counts)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(counts);
        if (shape.Count == 0 || shape.Any(s => s < 1))
        {
            throw new ArgumentException("A contingency table needs at least one dimension, each of size 1 or more.", nameof(shape));
        }

        var size = shape.Aggregate(1L, (product, s) => product * s);
        if (size != counts.Count)
        {
            throw new ArgumentException($"A table of shape [{string.Join(", ", shape)}] holds {size} counts, not {counts.Count}.", nameof(counts));
        }

        _shape = shape.ToArray();
        _counts = counts.ToArray();
    }

    /// <summary>A two-dimensional table from its rows (all of the same length).</summary>
    public static ContingencyTable FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = rows.Count == 0 ? 0 : rows[0].Count;
        if (rows.Any(r => r.Count != columns))
        {
            throw new ArgumentException("Every row of a contingency table has the same length.", nameof(rows));
        }

        return new ContingencyTable([rows.Count, columns], rows.SelectMany(r => r).ToArray());
    }

    public IReadOnlyList<int> Shape => _shape;

    public IReadOnlyList<double> Counts => _counts;

    /// <summary>The counts expected under independence: the product of the marginal sums over total^(dimensions − 1).</summary>
    public double[] ExpectedFrequencies()
    {
        var total = _counts.Sum();
        var marginals = new double[_shape.Length][];
        for (var axis = 0; axis < _shape.Length; axis++)
        {
            marginals[axis] = new double[_shape[axis]];
        }

        var index = new int[_shape.Length];
        for (var flat = 0; flat < _counts.Length; flat++)
        {
            for (var axis = 0; axis < _shape.Length; axis++)
            {
                marginals[axis][index[axis]] += _counts[flat];
            }

            Increment(index);
        }

        var expected = new double[_counts.Length];
        Array.Clear(index);
        for (var flat = 0; flat < _counts.Length; flat++)
        {
            double product = 1;
            for (var axis = 0; axis < _shape.Length; axis++)
            {
                product *= marginals[axis][index[axis]];
            }

            expected[flat] = product / Math.Pow(total, _shape.Length - 1);
            Increment(index);
        }

        return expected;
    }

    /// <summary>Degrees of freedom of the independence test: size − Σ shape + dimensions − 1.</summary>
    public int DegreesOfFreedom => _counts.Length - _shape.Sum() + _shape.Length - 1;

    private void Increment(int[] index)
    {
        for (var axis = _shape.Length - 1; axis >= 0; axis--)
        {
            if (++index[axis] < _shape[axis])
            {
                return;
            }

            index[axis] = 0;
        }
    }
}
