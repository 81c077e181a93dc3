using System.Text;
using System.Text.Json;
using ModelOps.Training.Data;
using ModelOps.Training.Validation;

namespace ModelOps.Training.Tests.Validation;

public sealed class DataValidatorValidateTests
{
    private static readonly DataSchema Schema = ValidationData.Schema();

    private static AnomalyReport Validate(string[] lines, ValidationOptions? options = null, DataSchema? schema = null)
    {
        using var csv = TempCsv.FromLines(lines);
        return DataValidator.Validate(csv.Path, schema ?? Schema, options);
    }

    private static Anomaly Only(AnomalyReport report, AnomalyKind kind, AnomalySeverity severity)
    {
        var anomaly = Assert.Single(report.Anomalies);
        Assert.Equal(kind, anomaly.Kind);
        Assert.Equal(severity, anomaly.Severity);
        Assert.Equal(severity == AnomalySeverity.Blocking, report.HasBlocking);
        return anomaly;
    }

    [Fact]
    public void Validate_SameKindOfData_NoAnomalies()
    {
        var report = Validate(ValidationData.Lines(300, i => ValidationData.Row(i + 17)));

        Assert.Empty(report.Anomalies);
        Assert.Equal(300, report.RowCount);
        Assert.False(report.HasBlocking);
    }

    [Fact]
    public void Validate_EmptyFile_BlockingEmptyFile()
    {
        using var csv = TempCsv.FromText("");

        Only(DataValidator.Validate(csv.Path, Schema), AnomalyKind.EmptyFile, AnomalySeverity.Blocking);
    }

    [Fact]
    public void Validate_BlankLinesOnly_BlockingEmptyFile()
    {
        using var csv = TempCsv.FromText("\n\r\n\n");

        Only(DataValidator.Validate(csv.Path, Schema), AnomalyKind.EmptyFile, AnomalySeverity.Blocking);
    }

    [Fact]
    public void Validate_HeaderOnly_BlockingNoRows()
    {
        var anomaly = Only(Validate([ValidationData.Header]), AnomalyKind.NoRows, AnomalySeverity.Blocking);

        Assert.Contains("header but no rows", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RaggedRows_BlockingNamingFirstLine()
    {
        var lines = ValidationData.Lines(100);
        lines[41] = "33,east";
        lines[60] = "33,east,1,1,1";

        var anomaly = Only(Validate(lines), AnomalyKind.RaggedRows, AnomalySeverity.Blocking);

        Assert.Contains("Line 42 has 2 fields but the header has 4 columns (2 ragged row(s) in all)", anomaly.Message, StringComparison.Ordinal);
        Assert.Equal("2 fields on line 42", anomaly.Observed);
    }

    [Fact]
    public void Validate_QuotedFieldWithNewline_CountsLinesAndIsNotRagged()
    {
        var lines = ValidationData.Lines(20);
        lines[3] = "30,\"north\nby\nnorthwest\",2000,1";
        lines[10] = "30,north";

        var report = Validate(lines, schema: Schema with { Columns = [.. Schema.Columns.Select(c => c with { Domain = null })] });

        var anomaly = Assert.Single(report.Anomalies);
        Assert.Equal(AnomalyKind.RaggedRows, anomaly.Kind);
        Assert.Contains("Line 13 ", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidUtf8_BlockingNamingLine()
    {
        var text = string.Join('\n', ValidationData.Lines(30)) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        var lineStart = IndexOfLine(bytes, 5);
        bytes.InsertRange(lineStart + 3, [0xC3, 0x28]); // an invalid two-byte sequence inside "city" of line 5
        using var csv = TempCsv.FromBytes([.. bytes]);

        var report = DataValidator.Validate(csv.Path, Schema, new ValidationOptions { MaxUnseenCategoryShare = 1 });

        var anomaly = Assert.Single(report.Anomalies, a => a.Kind == AnomalyKind.InvalidUtf8);
        Assert.Equal(AnomalySeverity.Blocking, anomaly.Severity);
        Assert.Contains("Line 5 ", anomaly.Message, StringComparison.Ordinal);
        Assert.Equal("line 5", anomaly.Observed);
    }

    [Fact]
    public void Validate_Latin1Header_BlockingNamingLineOne()
    {
        var bytes = Encoding.Latin1.GetBytes("âge,city,income,label\n");
        using var csv = TempCsv.FromBytes([.. bytes, .. Encoding.UTF8.GetBytes(string.Join('\n', ValidationData.Lines(20).Skip(1)))]);

        var report = DataValidator.Validate(csv.Path, Schema);

        Assert.Contains(report.Anomalies, a => a.Kind == AnomalyKind.InvalidUtf8 && a.Message.StartsWith("Line 1 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Utf8ByteOrderMarkAndNonAsciiText_NoAnomalies()
    {
        var lines = ValidationData.Lines(30);
        using var csv = TempCsv.FromBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")]);

        var report = DataValidator.Validate(csv.Path, Schema);

        Assert.Empty(report.Anomalies);
    }

    [Fact]
    public void Validate_UnterminatedQuote_BlockingMalformedRecord()
    {
        var lines = ValidationData.Lines(50);
        lines[20] = "30,\"north,100,1";

        var report = Validate(lines);

        var anomaly = Assert.Single(report.Anomalies, a => a.Kind == AnomalyKind.MalformedRecord);
        Assert.Equal(AnomalySeverity.Blocking, anomaly.Severity);
        Assert.Contains("line 21 opens a quote that is never closed", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RecordLongerThanLimit_BlockingMalformedRecordAndStops()
    {
        var lines = ValidationData.Lines(50);
        lines[20] = $"30,\"{new string('n', 3000)}\",100,1";

        var report = Validate(lines, new ValidationOptions { Csv = new CsvReadOptions { MaxRecordBytes = 1024 } });

        var anomaly = Assert.Single(report.Anomalies, a => a.Kind == AnomalyKind.MalformedRecord);
        Assert.Contains("line 21 is longer than the limit", anomaly.Message, StringComparison.Ordinal);
        Assert.True(report.HasBlocking);
    }

    [Fact]
    public void Validate_DuplicateHeaderName_Blocking()
    {
        var report = Validate(ValidationData.Lines(30, i => $"{ValidationData.Row(i)},1", ValidationData.Header + ",age"));

        var anomaly = Assert.Single(report.Anomalies);
        Assert.Equal(AnomalyKind.DuplicateColumn, anomaly.Kind);
        Assert.Equal("age", anomaly.Column);
        Assert.True(report.HasBlocking);
    }

    [Fact]
    public void Validate_RequiredColumnMissing_Blocking()
    {
        var report = Validate(ValidationData.Lines(30, i => $"{ValidationData.Age(i)},{ValidationData.Income(i)},{ValidationData.Label(i)}", "age,income,label"));

        var anomaly = Only(report, AnomalyKind.MissingColumn, AnomalySeverity.Blocking);
        Assert.Equal("city", anomaly.Column);
    }

    [Fact]
    public void Validate_LabelMissing_BlockingNamedAsLabel()
    {
        var report = Validate(ValidationData.Lines(30, i => $"{ValidationData.Age(i)},{ValidationData.City(i)},{ValidationData.Income(i)}", "age,city,income"));

        var anomaly = Only(report, AnomalyKind.MissingColumn, AnomalySeverity.Blocking);
        Assert.Contains("The label column 'label' is missing", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OptionalColumnMissing_Warning()
    {
        var schema = Schema with { Columns = [.. Schema.Columns.Select(c => c.Name == "city" ? c with { Required = false } : c)] };

        var report = Validate(ValidationData.Lines(30, i => $"{ValidationData.Age(i)},{ValidationData.Income(i)},{ValidationData.Label(i)}", "age,income,label"), schema: schema);

        Only(report, AnomalyKind.MissingColumn, AnomalySeverity.Warning);
    }

    [Fact]
    public void Validate_ExtraColumn_Warning()
    {
        var anomaly = Only(Validate(ValidationData.Lines(30, i => $"{ValidationData.Row(i)},x", ValidationData.Header + ",note")), AnomalyKind.ExtraColumn, AnomalySeverity.Warning);

        Assert.Equal("note", anomaly.Column);
    }

    [Fact]
    public void Validate_TextInNumericColumnBeyondShare_BlockingTypeChange()
    {
        var report = Validate(ValidationData.Lines(100, i => i % 2 == 0 ? $"unknown,{ValidationData.City(i)},{ValidationData.Income(i)},{ValidationData.Label(i)}" : ValidationData.Row(i)));

        var anomaly = Only(report, AnomalyKind.TypeChange, AnomalySeverity.Blocking);
        Assert.Equal("age", anomaly.Column);
        Assert.Equal("50% text", anomaly.Observed);
        Assert.Contains("'unknown'", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TextInNumericColumnWithinShare_NoAnomaly()
    {
        var report = Validate(ValidationData.Lines(400, i => i == 7 ? $"n/a,{ValidationData.City(i)},{ValidationData.Income(i)},{ValidationData.Label(i)}" : ValidationData.Row(i)));

        Assert.Empty(report.Anomalies);
    }

    [Fact]
    public void Validate_UnseenCategoriesAboveShare_WarningWithExamples()
    {
        var report = Validate(ValidationData.Lines(100, i => i % 10 == 0 ? $"{ValidationData.Age(i)},central,{ValidationData.Income(i)},{ValidationData.Label(i)}" : ValidationData.Row(i)));

        var anomaly = Only(report, AnomalyKind.UnseenCategories, AnomalySeverity.Warning);
        Assert.Equal("10% unseen", anomaly.Observed);
        Assert.Contains("'central'", anomaly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnseenCategoriesConfiguredBlocking_Blocking()
    {
        var report = Validate(
            ValidationData.Lines(100, i => i % 10 == 0 ? $"{ValidationData.Age(i)},central,{ValidationData.Income(i)},{ValidationData.Label(i)}" : ValidationData.Row(i)),
            new ValidationOptions { UnseenCategorySeverity = AnomalySeverity.Blocking });

        Only(report, AnomalyKind.UnseenCategories, AnomalySeverity.Blocking);
    }

    [Fact]
    public void Validate_OutOfRangeShareAboveThreshold_Warning()
    {
        var report = Validate(ValidationData.Lines(100, i => i % 20 == 0 ? $"150,{ValidationData.City(i)},{ValidationData.Income(i)},{ValidationData.Label(i)}" : ValidationData.Row(i)));

        var anomaly = Only(report, AnomalyKind.OutOfRange, AnomalySeverity.Warning);
        Assert.Equal("age", anomaly.Column);
        Assert.Equal("5% outside [20, 69]", anomaly.Observed);
    }

    [Fact]
    public void Validate_MissingRateJump_Warning()
    {
        var report = Validate(ValidationData.Lines(100, i => i % 2 == 0 ? $"{ValidationData.Age(i)},{ValidationData.City(i)},NA,{ValidationData.Label(i)}" : ValidationData.Row(i)));

        var anomaly = Only(report, AnomalyKind.MissingRateJump, AnomalySeverity.Warning);
        Assert.Equal("income", anomaly.Column);
        Assert.Equal("50%", anomaly.Observed);
    }

    [Fact]
    public void Validate_TooFewRows_Blocking()
    {
        var anomaly = Only(Validate(ValidationData.Lines(9)), AnomalyKind.TooFewRows, AnomalySeverity.Blocking);

        Assert.Equal("9 rows", anomaly.Observed);
        Assert.Equal("≥ 10 rows", anomaly.Expected);
    }

    [Fact]
    public void Validate_SingleClassLabel_Blocking()
    {
        var anomaly = Only(Validate(ValidationData.Lines(60, i => $"{ValidationData.Age(i)},{ValidationData.City(i)},{ValidationData.Income(i)},0")), AnomalyKind.SingleClassLabel, AnomalySeverity.Blocking);

        Assert.Equal("label", anomaly.Column);
    }

    [Fact]
    public void Validate_SemicolonSeparatedWithComments_DetectsSeparator()
    {
        var lines = ValidationData.Lines(40).Select(l => l.Replace(',', ';')).Prepend("// exported by a tool").ToArray();

        Assert.Empty(Validate(lines).Anomalies);
    }

    [Fact]
    public void Validate_ReportJson_CamelCaseWithStringEnums()
    {
        var report = Validate(ValidationData.Lines(9));

        var json = JsonSerializer.Serialize(report, ValidationJson.Options);

        Assert.Equal(
            "{\"rowCount\":9,\"anomalies\":[{\"kind\":\"TooFewRows\",\"severity\":\"Blocking\",\"message\":\"The file has 9 well-formed rows; at least 10 are needed.\",\"observed\":\"9 rows\",\"expected\":\"\\u2265 10 rows\"}],\"hasBlocking\":true}",
            json);
    }

    [Fact]
    public void Validate_InvalidOptions_ThrowsNamingOption()
    {
        var exception = Assert.Throws<ArgumentException>(() => Validate(ValidationData.Lines(20), new ValidationOptions { MaxOutOfRangeShare = 2 }));

        Assert.Contains(nameof(ValidationOptions.MaxOutOfRangeShare), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => DataValidator.Validate(Path.Combine(Path.GetTempPath(), "modelops-no-such-file.csv"), Schema));
    }

    [Fact]
    public void Validate_AgreesWithTrainerReader_OnColumnKinds()
    {
        using var csv = TempCsv.FromLines(ValidationData.Lines(100));

        var dataset = TabularDataset.FromCsv(csv.Path);

        Assert.Equal(dataset.Columns.Select(c => c.Kind), Schema.Columns.Select(c => c.Type));
    }

    private static int IndexOfLine(List<byte> bytes, int line)
    {
        var current = 1;
        for (var i = 0; i < bytes.Count; i++)
        {
            if (current == line)
            {
                return i;
            }

            current += bytes[i] == '\n' ? 1 : 0;
        }

        throw new ArgumentOutOfRangeException(nameof(line));
    }
}
