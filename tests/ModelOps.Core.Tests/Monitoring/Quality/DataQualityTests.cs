using ModelOps.Monitoring;
using ModelOps.Monitoring.Quality;

namespace ModelOps.Core.Tests.Monitoring.Quality;

public sealed class DataQualityTests
{
    private static readonly MonitoringSchema Schema = new()
    {
        Columns =
        [
            new MonitoredColumn { Name = "age", Kind = ColumnKind.Numeric, Min = 0, Max = 100, MissingRate = 0.1 },
            new MonitoredColumn { Name = "color", Kind = ColumnKind.Categorical, Domain = ["red", "green"] },
        ],
    };

    [Fact]
    public void Evaluate_CleanWindow_NoIssues()
    {
        var window = ProfileBuilder.Dataset(Schema, new Dictionary<string, string?[]>
        {
            ["age"] = ["10", "20", null, "30", "40", "50", "60", "70", "80", "90"],
            ["color"] = ["red", "green", "red", "red", "green", "red", "green", "red", "red", "green"],
        });

        var report = DataQuality.Evaluate(window, Schema);

        Assert.Equal(0, report.ColumnsWithIssues);
        Assert.Equal(0.1, report.Columns[0].NullRate, 12);
        Assert.Equal(0.1, report.Columns[0].ReferenceNullRate);
    }

    [Fact]
    public void Evaluate_BadWindow_ReportsNullTypeAndRangeIssues()
    {
        var window = ProfileBuilder.Dataset(Schema, new Dictionary<string, string?[]>
        {
            ["age"] = [null, null, null, "abc", "-5", "200", "30", "40", "50", "60"],
            ["color"] = ["red", "blue", "red", "red", "green", "red", "green", "red", "red", "green"],
        });

        var report = DataQuality.Evaluate(window, Schema);

        var age = report.Columns.Single(c => c.Name == "age");
        Assert.Equal(0.3, age.NullRate, 12);
        Assert.Equal(0.1, age.TypeErrorRate, 12);
        Assert.Equal(2.0 / 6, age.OutOfRangeRate, 12);
        Assert.Equal(3, age.Issues.Count);
        var color = report.Columns.Single(c => c.Name == "color");
        Assert.Equal(0.1, color.OutOfRangeRate, 12);
        Assert.Single(color.Issues);
        Assert.Equal(2, report.ColumnsWithIssues);
    }

    [Fact]
    public void Evaluate_ColumnNeverCaptured_AllNull()
    {
        var window = ProfileBuilder.Dataset(Schema, new Dictionary<string, string?[]> { ["color"] = ["red", "green"] });

        var age = DataQuality.Evaluate(window, Schema).Columns.Single(c => c.Name == "age");

        Assert.Equal(1.0, age.NullRate);
        Assert.NotEmpty(age.Issues);
    }
}
