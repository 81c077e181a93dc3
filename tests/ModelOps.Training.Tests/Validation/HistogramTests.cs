using ModelOps.Training.Validation;

namespace ModelOps.Training.Tests.Validation;

public sealed class HistogramTests
{
    [Fact]
    public void Add_ValuesAcrossRange_EqualWidthBinsMaxInLastBin()
    {
        var histogram = new Histogram(0, 10, 5);
        foreach (var value in new double[] { 0, 1.99, 2, 5, 9.99, 10, -0.1, 10.1, double.NaN })
        {
            histogram.Add(value);
        }

        Assert.Equal([2L, 1, 1, 0, 2], histogram.Counts);
        Assert.Equal(1, histogram.Underflow);
        Assert.Equal(1, histogram.Overflow);
        Assert.Equal([0.0, 2, 4, 6, 8, 10], histogram.Edges);
    }

    [Fact]
    public void Add_ConstantColumn_AllInFirstBin()
    {
        var histogram = new Histogram(3, 3, 20);
        histogram.Add(3);
        histogram.Add(3);

        Assert.Equal(2, histogram.Counts[0]);
        Assert.Equal(2, histogram.Counts.Sum());
    }
}
