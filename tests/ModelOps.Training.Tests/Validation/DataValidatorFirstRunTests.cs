using ModelOps.Training.Validation;

namespace ModelOps.Training.Tests.Validation;

public sealed class DataValidatorFirstRunTests
{
    private static Anomaly Single(DataProfile profile, AnomalyKind kind)
    {
        Assert.Null(profile.Schema);
        Assert.Null(profile.Baseline);
        Assert.True(profile.Report.HasBlocking);
        return Assert.Single(profile.Report.Anomalies, a => a.Kind == kind);
    }

    [Fact]
    public void Profile_LabelColumnMissing_BlockingMissingColumn()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(50));

        var anomaly = Single(DataValidator.Profile(csv.Path, ValidationData.Options with { Label = "diagnosis" }), AnomalyKind.MissingColumn);

        Assert.Equal("diagnosis", anomaly.Column);
        Assert.Equal(AnomalySeverity.Blocking, anomaly.Severity);
        Assert.Contains("label column 'diagnosis'", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_FeatureColumnMissing_BlockingNamedAsFeature()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(50));

        var anomaly = Single(DataValidator.Profile(csv.Path, ValidationData.Options with { Features = ["age", "height"] }), AnomalyKind.MissingColumn);

        Assert.Equal("height", anomaly.Column);
        Assert.Contains("feature column 'height'", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_SingleClassLabel_Blocking()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(50, i => $"{ValidationData.Age(i)},{ValidationData.City(i)},1,yes"));

        var anomaly = Single(DataValidator.Profile(csv.Path, ValidationData.Options), AnomalyKind.SingleClassLabel);

        Assert.Equal("label", anomaly.Column);
        Assert.Contains("'yes'", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_SingleValueRegressionLabel_NoLabelAnomaly()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(50, i => $"{ValidationData.Age(i)},{ValidationData.City(i)},1,5"));

        var profile = DataValidator.Profile(csv.Path, ValidationData.Options with { Task = ModelTask.Regression });

        Assert.Empty(profile.Report.Anomalies);
        Assert.NotNull(profile.Schema);
    }

    [Fact]
    public void Profile_TooFewRows_Blocking()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(5));

        var anomaly = Single(DataValidator.Profile(csv.Path, ValidationData.Options), AnomalyKind.TooFewRows);

        Assert.Equal("5 rows", anomaly.Observed);
    }

    [Fact]
    public void Profile_RaggedRow_BlockingNamingLine()
    {
        var lines = ValidationData.Lines(50);
        lines[7] += ",extra";
        using var csv = TempCsv.FromLines(lines);

        var anomaly = Single(DataValidator.Profile(csv.Path, ValidationData.Options), AnomalyKind.RaggedRows);

        Assert.Contains("Line 8 has 5 fields", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_EmptyFile_BlockingEmptyFile()
    {
        using var csv = TempCsv.FromText("");

        var anomaly = Single(DataValidator.Profile(csv.Path, ValidationData.Options), AnomalyKind.EmptyFile);

        Assert.Equal(AnomalySeverity.Blocking, anomaly.Severity);
    }
}
