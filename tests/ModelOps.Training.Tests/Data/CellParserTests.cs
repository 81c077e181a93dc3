using ModelOps.Training.Data;

namespace ModelOps.Training.Tests.Data;

public sealed class CellParserTests
{
    public static TheoryData<string, CellKind, double> Cells => new()
    {
        { "", CellKind.Missing, double.NaN },
        { "?", CellKind.Missing, double.NaN },
        { "NA", CellKind.Missing, double.NaN },
        { "NaN", CellKind.Missing, double.NaN },
        { "nan", CellKind.Missing, double.NaN },
        { "NAN", CellKind.NonFinite, double.NaN },
        { "-nan", CellKind.NonFinite, double.NaN },
        { "inf", CellKind.NonFinite, double.PositiveInfinity },
        { "-inf", CellKind.NonFinite, double.NegativeInfinity },
        { "+Inf", CellKind.NonFinite, double.PositiveInfinity },
        { "Infinity", CellKind.NonFinite, double.PositiveInfinity },
        { "-Infinity", CellKind.NonFinite, double.NegativeInfinity },
        { "1e39", CellKind.NonFinite, 1e39 },
        { "-1e39", CellKind.NonFinite, -1e39 },
        { "1e999", CellKind.NonFinite, double.PositiveInfinity },
        { "3.4028235e38", CellKind.Number, 3.4028235e38 },
        { "3.5e38", CellKind.NonFinite, 3.5e38 },
        { "1e-50", CellKind.Number, 1e-50 },
        { "0", CellKind.Number, 0 },
        { "-0.5", CellKind.Number, -0.5 },
        { "+5", CellKind.Number, 5 },
        { ".5", CellKind.Number, 0.5 },
        { "5.", CellKind.Number, 5 },
        { "007", CellKind.Number, 7 },
        { "1e5", CellKind.Number, 1e5 },
        { "2E+05", CellKind.Number, 2e5 },
        { "2.5e-3", CellKind.Number, 0.0025 },
        { " 7 ", CellKind.Number, 7 },
        { "\t7", CellKind.Number, 7 },
        { "1,000", CellKind.Text, double.NaN },
        { "1 000", CellKind.Text, double.NaN },
        { "1_000", CellKind.Text, double.NaN },
        { "1.000,5", CellKind.Text, double.NaN },
        { "0x1F", CellKind.Text, double.NaN },
        { "$5", CellKind.Text, double.NaN },
        { "5%", CellKind.Text, double.NaN },
        { "1.2.3", CellKind.Text, double.NaN },
        { "--5", CellKind.Text, double.NaN },
        { "+", CellKind.Text, double.NaN },
        { ".", CellKind.Text, double.NaN },
        { "5e", CellKind.Text, double.NaN },
        { "e5", CellKind.Text, double.NaN },
        { "5\0", CellKind.Text, double.NaN },
        { "\u0661\u0662", CellKind.Text, double.NaN },
        { "\uFF15", CellKind.Text, double.NaN },
        { "\u221E", CellKind.Text, double.NaN },
        { "\u22125", CellKind.Text, double.NaN },
        { "N/A", CellKind.Text, double.NaN },
        { "null", CellKind.Text, double.NaN },
        { "na", CellKind.Text, double.NaN },
        { " NA", CellKind.Text, double.NaN },
        { "infinite", CellKind.Text, double.NaN },
        { "Oslo", CellKind.Text, double.NaN },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Classify_Cell_FollowsTheOneRule(string cell, CellKind kind, double value)
    {
        var fromBytes = CellParser.Default.Classify(System.Text.Encoding.UTF8.GetBytes(cell), out var byteValue);
        var fromChars = CellParser.Default.Classify(cell.AsSpan(), out var charValue);

        Assert.Equal(kind, fromBytes);
        Assert.Equal(kind, fromChars);
        if (kind == CellKind.Number || double.IsInfinity(value))
        {
            Assert.Equal(value, byteValue);
            Assert.Equal(value, charValue);
        }
        else if (kind != CellKind.NonFinite)
        {
            Assert.True(double.IsNaN(byteValue));
        }
    }

    [Fact]
    public void TryParseNumber_GivesTheFloat32ValueTrainingStores()
    {
        Assert.True(CellParser.TryParseNumber("0.1", out var tenth));
        Assert.Equal(0.1f, tenth);
        Assert.True(CellParser.TryParseNumber("1e-50", out var tiny));
        Assert.Equal(0f, tiny);
        Assert.False(CellParser.TryParseNumber("1e39", out var huge));
        Assert.True(float.IsNaN(huge));
        Assert.False(CellParser.TryParseNumber("NaN", out _));
    }

    [Fact]
    public void Classify_ConfiguredMarkers_ReplaceTheDefaults()
    {
        var parser = new CellParser(["-999", "n/a"]);

        Assert.Equal(CellKind.Missing, parser.Classify("-999"u8, out _));
        Assert.Equal(CellKind.Missing, parser.Classify("n/a"u8, out _));
        Assert.Equal(CellKind.Text, parser.Classify("NA"u8, out _));
        Assert.Equal(CellKind.NonFinite, parser.Classify("NaN"u8, out _));
        Assert.Equal(CellKind.Text, parser.Classify(""u8, out _));
    }
}
