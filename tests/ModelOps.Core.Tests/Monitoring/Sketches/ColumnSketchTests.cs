using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;

namespace ModelOps.Core.Tests.Monitoring.Sketches;

public sealed class ColumnSketchTests
{
    [Fact]
    public void NumericAdd_Values_ExactMomentsCountsAndRange()
    {
        var sketch = new NumericColumnSketch(minimum: 0, maximum: 10);
        sketch.Add([1, 2, 2, 3, double.NaN, 11, -1]);
        sketch.AddTypeError();
        sketch.Add(double.PositiveInfinity);

        var profile = sketch.ToProfile("x", rows: 10);

        double[] present = [1, 2, 2, 3, 11, -1];
        var mean = present.Average();
        Assert.Equal(6, profile.Count);
        Assert.Equal(2, profile.Missing); // one NaN, one row the column never saw
        Assert.Equal(2, profile.TypeErrors);
        Assert.Equal(2, profile.OutOfRange);
        Assert.Equal(mean, profile.Numeric!.Mean, 12);
        Assert.Equal(Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length), profile.Numeric.Std, 12);
        Assert.Equal(-1, profile.Numeric.Min);
        Assert.Equal(11, profile.Numeric.Max);
        Assert.Equal([(-1.0, 1L), (1, 1), (2, 2), (3, 1), (11, 1)], profile.Numeric.Values!.Select(v => (v.Value, v.Count)));
    }

    [Fact]
    public void NumericAdd_MoreDistinctValuesThanTheCap_DropsExactValuesKeepsSketch()
    {
        var sketch = new NumericColumnSketch(new SketchOptions { ExactCap = 100 });
        for (var i = 0; i < 101; i++)
        {
            sketch.Add(i);
        }

        var profile = sketch.ToProfile("x");

        Assert.Null(profile.Numeric!.Values);
        Assert.Equal(101, profile.Numeric.Sketch.Count);
    }

    [Fact]
    public void NumericAdd_WithAnchors_CountsAtAndBetweenEveryAnchor()
    {
        var sketch = new NumericColumnSketch(new SketchOptions { ExactCap = 1 }, anchors: [1, 5, 10]);
        sketch.Add([0, 1, 1, 2, 4, 5, 7, 10, 12, 13]);

        var anchored = sketch.ToProfile("x").Numeric!.Anchored!;

        Assert.Equal([2L, 1, 1], anchored.At);
        Assert.Equal([1L, 2, 1, 2], anchored.Below);
    }

    [Fact]
    public void NumericCtor_UnsortedAnchors_Throws()
    {
        Assert.Throws<ArgumentException>(() => new NumericColumnSketch(anchors: [2, 1]));
    }

    [Fact]
    public void CategoricalAdd_PastTheCap_NewValuesGoToOther()
    {
        var sketch = new CategoricalColumnSketch(new SketchOptions { DistinctCap = 2 }, domain: ["a", "b"]);
        foreach (var value in new[] { "a", "b", "a", "c", "b", "a", null })
        {
            sketch.Add(value);
        }

        var profile = sketch.ToProfile("x");

        Assert.Equal([("a", 3L), ("b", 2)], profile.Categorical!.Top.Select(c => (c.Value, c.Count)));
        Assert.Equal(1, profile.Categorical.OtherCount);
        Assert.True(profile.Categorical.DistinctCapped);
        Assert.Equal(1, profile.OutOfRange);
        Assert.Equal(1, profile.Missing);
        Assert.Equal(6, profile.Count);
    }

    [Fact]
    public void CategoricalAdd_Seeded_ReferenceValuesCountedBeyondTheCap()
    {
        var sketch = new CategoricalColumnSketch(new SketchOptions { DistinctCap = 1 }, seed: ["r1", "r2", "unused"]);
        foreach (var value in new[] { "n1", "r2", "n2", "r1", "r2" })
        {
            sketch.Add(value);
        }

        var profile = sketch.ToProfile("x").Categorical!;

        Assert.Equal([("r2", 2L), ("n1", 1), ("r1", 1)], profile.Top.Select(c => (c.Value, c.Count)));
        Assert.Equal(1, profile.OtherCount);
        Assert.Equal(3, profile.DistinctCount);
    }

    [Fact]
    public void DatasetAdd_Text_ParsesNumbersCountsTypeErrorsAndMissing()
    {
        var schema = new MonitoringSchema
        {
            Columns =
            [
                new MonitoredColumn { Name = "n", Kind = ModelOps.Monitoring.ColumnKind.Numeric },
                new MonitoredColumn { Name = "c", Kind = ModelOps.Monitoring.ColumnKind.Categorical },
                new MonitoredColumn { Name = "never", Kind = ModelOps.Monitoring.ColumnKind.Numeric },
            ],
        };
        var sketch = new DatasetSketch(schema);
        foreach (var text in new[] { "1.5", "abc", "", "1e3", "NaN" })
        {
            sketch.Add(0, text);
        }

        sketch.Add(1, 2.5);
        sketch.Add(1, (string?)null);

        var profile = sketch.ToProfile();

        Assert.Equal(5, profile.RowCount);
        var n = profile.Find("n")!;
        Assert.Equal((2L, 1L, 2L), (n.Count, n.Missing, n.TypeErrors));
        Assert.Equal(("2.5", 1L), (profile.Find("c")!.Categorical!.Top[0].Value, profile.Find("c")!.Categorical!.Top[0].Count));
        Assert.Equal(4, profile.Find("c")!.Missing);
        Assert.Equal(5, profile.Find("never")!.Missing);
    }
}
