using System.Globalization;
using System.Text;
using ModelOps.Training.Data;
using ModelOps.Training.Tests.Validation;
using ModelOps.Training.Validation;

namespace ModelOps.Training.Tests.Data;

/// <summary>
/// The same bytes through data validation (<see cref="DataValidator"/>) and training (<see cref="TabularDataset"/>):
/// a file validation passes loads, with the same columns, types, missing values, ranges and categories; a file
/// training refuses is blocked by validation with the same words.
/// </summary>
public sealed class ValidationTrainingAgreementTests
{
    private const int TableRows = 200;

    /// <summary>Raw CSV fields (quoted where the text needs it) put into a column of whole numbers.</summary>
    public static TheoryData<string> TrickyCells => new()
    {
        "NaN", "nan", "NAN", "-nan", "inf", "-inf", "+inf", "Infinity", "-Infinity", "1e39", "-1e39", "1e999",
        "3.4028235e38", "3.5e38", "1e-50", "+5", "-5", ".5", "5.", "007", "1e5", "2E+05", "0x1F", "\"1,000\"", "1 000",
        "1_000", "$5", "5%", "--5", "5e", "\"5\"", "\" 5 \"", "  5  ", "?", "NA", "\"NA\"", "\" NA\"", "", "\"\"", "N/A",
        "null", "\u00A0" + "5\u00A0", "\u0661", "\u221E", "Oslo",
    };

    [Theory]
    [MemberData(nameof(TrickyCells))]
    public void TrickyCell_ValidationAndTrainingAgree(string cell)
    {
        var lines = Enumerable.Range(1, TableRows)
            .Select(i => $"{(i == TableRows / 2 ? cell : i.ToString(CultureInfo.InvariantCulture))},{(i % 2 == 0 ? "a" : "b")}")
            .Prepend("x,y")
            .ToArray();

        var outcome = ReadBoth(Lines(lines));

        AssertAgree(outcome);

        // And against a schema from clean data: a file that passes Validate loads in training.
        var clean = Lines(Enumerable.Range(1, TableRows).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}").Prepend("x,y").ToArray());
        var schema = ReadBoth(clean).Profile.Schema!;
        using var file = TempCsv.FromBytes(Lines(lines));
        var report = DataValidator.Validate(file.Path, schema, Options.Validation);
        Assert.True(report.HasBlocking || outcome.Error is null, $"Validate passed '{cell}' but training refused it: {outcome.Error?.Message}");
    }

    [Fact]
    public void NaNSpellingsAndMarkers_AreMissingInBoth()
    {
        var outcome = ReadBoth(Lines("x,y", "1,a", "NaN,b", "nan,a", ",b", "?,a", "NA,b", "7,a"));

        AssertAgree(outcome);
        Assert.Equal([1f, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, 7f], outcome.Data!["x"].Values);
        Assert.Equal(5, outcome.Profile.Baseline!.Find("x")!.Missing);
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e39")]
    [InlineData("1e999")]
    [InlineData("NAN")]
    public void NonFiniteNumber_RefusedByTrainingAndBlockedByValidation_WithTheSameMessage(string cell)
    {
        var bytes = Lines("x,y", "1,a", $"{cell},b", "NaN,a", "1e39,b", "4,a");

        var outcome = ReadBoth(bytes);

        Assert.NotNull(outcome.Error);
        Assert.Equal("x", outcome.Error.Column);
        Assert.Equal(3, outcome.Error.Row);
        Assert.Contains($"'{cell}' on line 3", outcome.Error.Message, StringComparison.Ordinal);
        var anomaly = Assert.Single(outcome.Profile.Report.Anomalies, a => a.Kind == AnomalyKind.NonFiniteNumber);
        Assert.Equal(AnomalySeverity.Blocking, anomaly.Severity);
        Assert.Equal(outcome.Error.Message, anomaly.Message);

        var schema = ReadBoth(Lines("x,y", "1,a", "2,b", "3,a")).Profile.Schema!;
        using var file = TempCsv.FromBytes(bytes);
        var validated = Assert.Single(DataValidator.Validate(file.Path, schema, Options.Validation).Anomalies, a => a.Kind == AnomalyKind.NonFiniteNumber);
        Assert.Equal(outcome.Error.Message, validated.Message);
    }

    [Fact]
    public void NonFiniteSpellingInTextColumn_IsACategoryInBoth()
    {
        var outcome = ReadBoth(Lines("x,y", "inf,1", "Oslo,2", "1e39,3"));

        AssertAgree(outcome);
        Assert.Equal(["1e39", "Oslo", "inf"], outcome.Data!["x"].Categories);
    }

    [Fact]
    public void Validate_NonFiniteNumberInColumnOutsideSchema_BlocksWhatTrainingRefuses()
    {
        var schema = ReadBoth(Lines("x,y", "1,a", "2,b")).Profile.Schema!;
        var bytes = Lines("x,y,z", "1,a,1", "2,b,inf", "3,a,3");
        using var file = TempCsv.FromBytes(bytes);

        var report = DataValidator.Validate(file.Path, schema, Options.Validation);

        Assert.Contains(report.Anomalies, a => a.Kind == AnomalyKind.NonFiniteNumber && a.Column == "z" && a.Severity == AnomalySeverity.Blocking);
        Assert.Equal("z", Assert.Throws<TrainingException>(() => TabularDataset.FromCsv(file.Path)).Column);
    }

    public static TheoryData<string, byte[]> Files => new()
    {
        { "quoted separators, quotes, newlines", Utf8("name,n\n\"Braund, Mr. Owen\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n") },
        { "CRLF", Utf8("name,n\r\n\"a\r\nb\",1\r\nc,2\r\n") },
        { "byte order mark", Utf8("\uFEFFname,n\nx,1\ny,2\n") },
        { "comment lines, one with an open quote", Utf8("// exported, \"by a tool\nname,n\n  // note: \"unclosed\nx,1\ny,2\n") },
        { "headerless", Utf8("5.1,3.5,setosa\n4.9,3.0,setosa\n6.3,NA,virginica\n") },
        { "blank and white space lines", Utf8("name,n\n\nx,1\n   \n\t\ny,2\n\n") },
        { "a quoted empty field is a value", Utf8("name\nx\n\"\"\ny\n") },
        { "trimmed unquoted, verbatim quoted", Utf8("a , b \n 1 , x \n2,\" y \"\n\u00A03\u00A0,\u2003z\n") },
        { "tab separated", Utf8("a\tb\n1\tx\n2\t\"y\tz\"\n") },
        { "semicolon and space", Utf8("a; b\n1,5; x\n2; y\n") },
        { "separator from the first line after comments", Utf8("// a, b, c, d\na;b\n1;x\n2;y\n") },
        { "last line without a line break", Utf8("a,b\n1,x\n2,y") },
        { "quote inside an unquoted field", Utf8("a,b\n1,say \"hi\"\n2,x\n") },
        { "text after a closing quote", Utf8("a,b\n1,\"ab\"cd\n2,x\n") },
        { "unterminated quote", Utf8("a,b\n1,x\n2,\"y\n3,z\n") },
        { "ragged row", Utf8("a,b\n1,x\n2\n3,z\n") },
        { "duplicate names", Utf8("a,a\n1,x\n") },
        { "empty", [] },
        { "only blank lines", Utf8("\n\r\n\n") },
        { "header only", Utf8("a,b\n") },
        { "only a comment", Utf8("// nothing\n") },
        { "UTF-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a,b\n1,x\n")] },
        { "Latin-1", Encoding.Latin1.GetBytes("name,n\ncaf\u00E9,1\n") },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void File_ValidationAndTrainingAgree(string name, byte[] bytes)
    {
        Assert.NotNull(name);

        AssertAgree(ReadBoth(bytes));
    }

    [Fact]
    public void QuotedFields_ReadTheSameInBoth()
    {
        var outcome = ReadBoth(Utf8("name,n\r\n\"Braund, Mr. Owen\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\r\nlines\",3\r\n"));

        AssertAgree(outcome);
        Assert.Equal(["Braund, Mr. Owen", "say \"hi\"", "two\r\nlines"], Enumerable.Range(0, 3).Select(r => outcome.Data!["name"].TextAt(r)));
        Assert.Equal([1f, 2f, 3f], outcome.Data!["n"].Values);
    }

    [Fact]
    public void CommentLineWithOpenQuote_IsSkippedWhole()
    {
        var outcome = ReadBoth(Utf8("\uFEFF// exported, \"by a tool\nname,n\n// \"unclosed\nx,1\ny,2\n"));

        AssertAgree(outcome);
        Assert.Equal(["name", "n"], outcome.Data!.Columns.Select(c => c.Name));
        Assert.Equal(["x", "y"], outcome.Data["name"].Categories);
    }

    [Fact]
    public void Headerless_NamesColumnsTheSameInBoth()
    {
        var outcome = ReadBoth(Utf8("5.1,3.5,setosa\n4.9,NA,setosa\n"));

        AssertAgree(outcome);
        Assert.Equal(["Column1", "Column2", "Column3"], outcome.Data!.Columns.Select(c => c.Name));
        Assert.Equal(2, outcome.Data.RowCount);
    }

    [Fact]
    public void QuotedEmptyLine_IsAMissingValueInBoth()
    {
        var outcome = ReadBoth(Utf8("n\n1\n\"\"\n3\n"));

        AssertAgree(outcome);
        Assert.Equal([1f, float.NaN, 3f], outcome.Data!["n"].Values);
    }

    [Fact]
    public void UnterminatedQuote_RefusedByBoth()
    {
        var outcome = ReadBoth(Utf8("a,b\n1,x\n2,\"y\n3,z\n"));

        AssertAgree(outcome);
        Assert.Equal(3, outcome.Error!.Row);
        Assert.Contains("line 3 opens a quote that is never closed", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_RefusedByBothNamingTheLine()
    {
        var outcome = ReadBoth([.. Encoding.UTF8.GetBytes("a,b\n1,x\n2,"), 0xE9, .. Encoding.UTF8.GetBytes("t\xE9\n")]);

        AssertAgree(outcome);
        Assert.Equal(3, outcome.Error!.Row);
        Assert.Contains("UTF-8", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordLongerThanTheLimit_RefusedByBoth()
    {
        var csv = new CsvReadOptions { MaxRecordBytes = 1024 };

        var outcome = ReadBoth(Utf8($"a,b\n1,x\n2,\"{new string('y', 2000)}\"\n"), csv);

        AssertAgree(outcome);
        Assert.Contains("line 3 is longer than the limit", outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredMissingMarkersAndSeparator_HonouredByBoth()
    {
        var csv = new CsvReadOptions { Separator = '|', MissingValues = ["-999"], HasHeader = true, CommentPrefix = "#" };

        var outcome = ReadBoth(Utf8("# note\n1|2\n-999|a,b\n5|NA\n"), csv);

        AssertAgree(outcome);
        Assert.Equal([float.NaN, 5f], outcome.Data!["1"].Values);
        Assert.Equal(["NA", "a,b"], outcome.Data["2"].Categories);
    }

    private static ProfileOptions Options => new() { Validation = new ValidationOptions { MinRows = 1 } };

    private static byte[] Lines(params string[] lines) => Utf8(string.Join('\n', lines) + "\n");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Outcome ReadBoth(byte[] bytes, CsvReadOptions? csv = null)
    {
        csv ??= new CsvReadOptions();
        using var file = TempCsv.FromBytes(bytes);
        TabularDataset? data = null;
        TrainingException? error = null;
        try
        {
            data = TabularDataset.FromCsv(file.Path, csv);
        }
        catch (TrainingException exception)
        {
            error = exception;
        }

        var profile = DataValidator.Profile(file.Path, Options with { Validation = Options.Validation with { Csv = csv } });
        return new Outcome(data, error, profile);
    }

    private static void AssertAgree(Outcome outcome)
    {
        var blocking = outcome.Profile.Report.Anomalies.Where(a => a.Severity == AnomalySeverity.Blocking).ToList();
        if (outcome.Error is not null)
        {
            Assert.True(blocking.Count > 0, $"Training refused the file ({outcome.Error.Message}) but validation passed it.");
            Assert.Equal(blocking[0].Message, outcome.Error.Message);
            return;
        }

        Assert.True(blocking.Count == 0, $"Validation blocked the file ({blocking.FirstOrDefault()?.Message}) but training loaded it.");
        var data = outcome.Data!;
        var schema = outcome.Profile.Schema!;
        var baseline = outcome.Profile.Baseline!;
        Assert.Equal(data.RowCount, schema.RowCount);
        Assert.Equal(data.Columns.Select(c => c.Name), schema.Columns.Select(c => c.Name));
        foreach (var column in data.Columns)
        {
            var expected = schema.Find(column.Name)!;
            var statistics = baseline.Find(column.Name)!;
            Assert.Equal(column.Kind, expected.Type);
            if (column.Kind == ColumnKind.Numeric)
            {
                var present = column.Values.Where(v => !float.IsNaN(v)).ToArray();
                Assert.Equal(column.Length - present.Length, statistics.Missing);
                if (present.Length > 0)
                {
                    Assert.Equal(present.Min(), (float)expected.Min!.Value);
                    Assert.Equal(present.Max(), (float)expected.Max!.Value);
                }
            }
            else
            {
                Assert.Equal(column.Codes.Count(c => c < 0), statistics.Missing);
                Assert.Equal(column.Categories, expected.Domain);
            }
        }
    }

    private sealed record Outcome(TabularDataset? Data, TrainingException? Error, DataProfile Profile);
}
