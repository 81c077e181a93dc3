using ModelOps.Monitoring.Sketches;

namespace ModelOps.Core.Tests.Monitoring.Sketches;

public sealed class AnchorIndexTests
{
    [Theory]
    [InlineData("uniform")]
    [InlineData("lognormal")]
    [InlineData("outlier")]
    [InlineData("single")]
    [InlineData("integers")]
    public void LowerBound_AnyValue_SameAsBinarySearch(string shape)
    {
        var random = new Random(shape.Length);
        double Draw() => shape switch
        {
            "uniform" => random.NextDouble(),
            "lognormal" => Math.Exp(3 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
            "outlier" => random.Next(100) == 0 ? 1e12 : random.NextDouble(),
            "integers" => random.Next(21),
            _ => 0.5,
        };
        var anchors = Enumerable.Range(0, shape == "single" ? 1 : 1000).Select(_ => Draw()).Distinct().Order().ToArray();
        var index = new AnchorIndex(anchors);

        var probes = Enumerable.Range(0, 20_000).Select(_ => Draw()).Concat(anchors).Concat([double.MinValue, -1, 0, 1e13, double.MaxValue]);
        foreach (var value in probes)
        {
            var expected = Array.BinarySearch(anchors, value);
            Assert.Equal(expected >= 0 ? expected : ~expected, index.LowerBound(value));
        }
    }
}
