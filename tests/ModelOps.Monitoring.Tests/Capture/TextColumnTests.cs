using ModelOps.Monitoring.Capture;

namespace ModelOps.Monitoring.Tests.Capture;

public sealed class TextColumnTests
{
    [Fact]
    public void Slices_NullEmptyAndShared_EachRowKeepsItsOwnValue()
    {
        using var column = new TextColumn();
        column.Add(null);
        column.Add(string.Empty);
        column.Add("req-1", rows: 3);
        column.Add(null, rows: 2);
        column.Add("x");

        using var slices = column.Slices();

        Assert.Equal(8, column.Count);
        Assert.Equal([null, string.Empty, "req-1", "req-1", "req-1", null, null, "x"], slices.Items.Select(s => s?.ToString()));
    }

    [Fact]
    public void Slices_PastTheFirstArrays_ValuesIntact()
    {
        using var column = new TextColumn();
        var values = Enumerable.Range(0, 5000).Select(i => i % 7 == 0 ? null : new string((char)('a' + (i % 26)), i % 40)).ToArray();
        foreach (var value in values)
        {
            column.Add(value);
        }

        using var slices = column.Slices();

        Assert.Equal(values, slices.Items.Select(s => s?.ToString()));
    }
}
