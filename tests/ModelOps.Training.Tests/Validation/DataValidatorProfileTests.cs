using System.Globalization;
using System.Text.Json;
using ModelOps.Training.Data;
using ModelOps.Training.Tests.Support;
using ModelOps.Training.Validation;

namespace ModelOps.Training.Tests.Validation;

public sealed class DataValidatorProfileTests
{
    [Fact]
    public void Profile_GeneratedData_InfersTypesRangesDomainsAndMissingRates()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(200));

        var profile = DataValidator.Profile(csv.Path, ValidationData.Options);

        Assert.Empty(profile.Report.Anomalies);
        var schema = profile.Schema!;
        Assert.Equal(200, schema.RowCount);
        Assert.Equal("label", schema.Label);
        Assert.Equal(["age", "city", "income", "label"], schema.Columns.Select(c => c.Name));
        var ages = Enumerable.Range(0, 200).Select(ValidationData.Age).ToArray();
        var age = schema.Find("age")!;
        Assert.Equal(ColumnKind.Numeric, age.Type);
        Assert.Equal(ages.Min(), age.Min);
        Assert.Equal(ages.Max(), age.Max);
        Assert.Equal(0, age.MissingRate);
        Assert.True(age.Required);
        var city = schema.Find("city")!;
        Assert.Equal(ColumnKind.Categorical, city.Type);
        Assert.Equal(ValidationData.Cities, city.Domain);
        Assert.Equal(Enumerable.Range(0, 200).Count(i => ValidationData.Income(i).Length == 0) / 200.0, schema.Find("income")!.MissingRate);
        Assert.Equal(ColumnKind.Numeric, schema.Find("label")!.Type);
    }

    [Fact]
    public void Profile_GeneratedData_StatisticsMatchDirectComputation()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(1000));

        var baseline = DataValidator.Profile(csv.Path, ValidationData.Options with { TopK = 3 }).Baseline!;

        var incomes = Enumerable.Range(0, 1000).Select(ValidationData.Income).Where(t => t.Length > 0)
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var income = baseline.Find("income")!;
        Assert.Equal(incomes.Length, income.Count);
        Assert.Equal(1000 - incomes.Length, income.Missing);
        var numeric = income.Numeric!;
        Assert.Equal(incomes.Average(), numeric.Mean, 9);
        Assert.Equal(Math.Sqrt(incomes.Select(v => (v - incomes.Average()) * (v - incomes.Average())).Average()), numeric.Std, 9);
        Assert.Equal(incomes.Min(), numeric.Min);
        Assert.Equal(incomes.Max(), numeric.Max);
        Assert.Equal(20, numeric.Histogram.Counts.Count);
        Assert.Equal(incomes.Length, numeric.Histogram.Counts.Sum());
        var width = (incomes.Max() - incomes.Min()) / 20;
        Assert.Equal(incomes.Count(v => v < incomes.Min() + width), numeric.Histogram.Counts[0]);
        Assert.Null(income.Categorical);

        var city = baseline.Find("city")!.Categorical!;
        var cityCounts = Enumerable.Range(0, 1000).GroupBy(ValidationData.City).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
        Assert.Equal(cityCounts.Take(3).Select(g => new CategoryCount(g.Key, g.Count())), city.Top);
        Assert.Equal(cityCounts[3].Count(), city.OtherCount);
        Assert.Equal(4, city.DistinctCount);
    }

    [Fact]
    public void Profile_HighCardinalityColumn_OpenDomainAndCappedCounts()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(3000, i => $"{ValidationData.Row(i)},user{i}", ValidationData.Header + ",user"));

        var profile = DataValidator.Profile(csv.Path, ValidationData.Options with { DomainCap = 100, TopK = 5 });

        Assert.Null(profile.Schema!.Find("user")!.Domain);
        var user = profile.Baseline!.Find("user")!.Categorical!;
        Assert.True(user.DistinctCapped);
        Assert.Equal(101, user.DistinctCount);
        Assert.Equal(5, user.Top.Count);
        Assert.Equal(3000 - 5, user.OtherCount);
    }

    [Fact]
    public void Profile_FeaturesGiven_OnlyFeaturesAndLabelRequired()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(50));

        var schema = DataValidator.Profile(csv.Path, ValidationData.Options with { Features = ["age"] }).Schema!;

        Assert.Equal(["age", "label"], schema.Columns.Where(c => c.Required).Select(c => c.Name));
    }

    [Fact]
    public void Profile_SchemaAndBaselineJson_RoundTripAndValidateCleanly()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(500));
        var profile = DataValidator.Profile(csv.Path, ValidationData.Options);

        var schemaJson = JsonSerializer.Serialize(profile.Schema, ValidationJson.Options);
        var baselineJson = JsonSerializer.Serialize(profile.Baseline, ValidationJson.Options);
        var schema = JsonSerializer.Deserialize<DataSchema>(schemaJson, ValidationJson.Options)!;
        var baseline = JsonSerializer.Deserialize<BaselineStatistics>(baselineJson, ValidationJson.Options)!;
        var report = DataValidator.Validate(csv.Path, schema);

        Assert.Contains("\"columns\":[{\"name\":\"age\",\"type\":\"Numeric\",\"min\":20,\"max\":69,\"missingRate\":0,\"required\":true}", schemaJson, StringComparison.Ordinal);
        Assert.Contains("\"task\":\"Binary\"", schemaJson, StringComparison.Ordinal);
        Assert.Contains("\"histogram\":{\"min\":", baselineJson, StringComparison.Ordinal);
        Assert.Contains("\"top\":[{\"value\":", baselineJson, StringComparison.Ordinal);
        Assert.Equal(profile.Schema!.Find("city")!.Domain, schema.Find("city")!.Domain);
        Assert.Equal(profile.Baseline!.Find("income")!.Numeric!.Sketch.Quantile(0.5), baseline.Find("income")!.Numeric!.Sketch.Quantile(0.5));
        Assert.Equal(profile.Baseline.Find("income")!.Numeric!.Histogram.Counts, baseline.Find("income")!.Numeric!.Histogram.Counts);
        Assert.Empty(report.Anomalies);
        Assert.Equal(500, report.RowCount);
    }

    public static TheoryData<string, string, ModelTask> SharedFiles => new()
    {
        { "mlnet_adult.txt", "label(IsOver50K)", ModelTask.Binary },
        { "pycaret_titanic.csv", "Survived", ModelTask.Binary },
    };

    /// <summary>The project's own reader (TabularDataset, which loads the file whole) is the oracle for types,
    /// ranges, missing counts and domains; the sketch is checked against exact quantiles of the loaded values.</summary>
    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void Profile_SharedFile_AgreesWithTabularDataset(string file, string label, ModelTask task)
    {
        var path = Path.Combine(RepoPaths.TabularData, file);
        var dataset = TabularDataset.FromCsv(path);

        var profile = DataValidator.Profile(path, new ProfileOptions { Label = label, Task = task });

        Assert.Empty(profile.Report.Anomalies);
        Assert.Equal(dataset.RowCount, profile.Schema!.RowCount);
        Assert.Equal(dataset.Columns.Select(c => c.Name), profile.Schema.Columns.Select(c => c.Name));
        foreach (var column in dataset.Columns)
        {
            var schema = profile.Schema.Find(column.Name)!;
            var statistics = profile.Baseline!.Find(column.Name)!;
            Assert.Equal(column.Kind, schema.Type);
            if (column.Kind == ColumnKind.Numeric)
            {
                var present = column.Values.Where(v => !float.IsNaN(v)).Select(v => (double)v).Order().ToArray();
                Assert.Equal(column.Length - present.Length, statistics.Missing);
                Assert.Equal(present[0], schema.Min!.Value, Math.Abs(present[0]) * 1e-6);
                Assert.Equal(present[^1], schema.Max!.Value, Math.Abs(present[^1]) * 1e-6);
                Assert.Equal(present.Average(), statistics.Numeric!.Mean, Math.Abs(present.Average() * 1e-5) + 1e-9);
                Assert.Equal(present.Length, statistics.Numeric.Histogram.Counts.Sum());
                var median = statistics.Numeric.Sketch.Quantile(0.5);
                var rank = present.Count(v => v <= median * (1 + 1e-6)) / (double)present.Length;
                var rankBelow = present.Count(v => v < median * (1 - 1e-6)) / (double)present.Length;
                Assert.True(rankBelow <= 0.52 && rank >= 0.48, $"{column.Name}: median {median} has rank [{rankBelow}, {rank}]");
            }
            else
            {
                Assert.Equal(column.Codes.Count(c => c < 0), statistics.Missing);
                Assert.Equal(column.Categories.Count <= 1000 ? column.Categories : null, schema.Domain);
                Assert.Equal(Math.Min(50, column.Categories.Count), statistics.Categorical!.Top.Count);
                Assert.Equal(column.Length - statistics.Missing, statistics.Categorical.Top.Sum(c => c.Count) + statistics.Categorical.OtherCount);
            }
        }
    }

    [Fact]
    public void Profile_Titanic_QuotedNamesWithCommasAndMissingCabins()
    {
        var profile = DataValidator.Profile(Path.Combine(RepoPaths.TabularData, "pycaret_titanic.csv"), new ProfileOptions { Label = "Survived", Task = ModelTask.Binary });

        var name = profile.Schema!.Find("Name")!;
        Assert.Contains("Braund, Mr. Owen Harris", name.Domain!);
        Assert.Equal(891, name.Domain!.Count);
        Assert.InRange(profile.Schema.Find("Cabin")!.MissingRate, 0.7, 0.8);
        Assert.InRange(profile.Schema.Find("Age")!.MissingRate, 0.15, 0.25);
    }
}
