using System.Text;
using ModelOps.Training.Data;

namespace ModelOps.Training.Tests.Data;

public sealed class CsvReadingTests
{
    private static TabularDataset Read(string text, CsvReadOptions? options = null) =>
        TabularDataset.FromCsv(() => new MemoryStream(Encoding.UTF8.GetBytes(text)), options);

    [Fact]
    public void FromCsv_CommaWithHeader_InfersNumericAndCategoricalColumns()
    {
        var data = Read("age,city,score\n31,Oslo,1.5\n42,Bergen,NA\n?,Oslo,2\n");

        Assert.Equal(3, data.RowCount);
        Assert.Equal(ColumnKind.Numeric, data["age"].Kind);
        Assert.Equal([31f, 42f, float.NaN], data["age"].Values);
        Assert.Equal(ColumnKind.Categorical, data["city"].Kind);
        Assert.Equal(["Bergen", "Oslo"], data["city"].Categories);
        Assert.Equal([1, 0, 1], data["city"].Codes);
        Assert.True(float.IsNaN(data["score"].Values[1]));
    }

    [Fact]
    public void FromCsv_CommaSpaceSeparatedAsAdult_TrimsFieldsAndReadsQuestionMarksAsMissing()
    {
        var data = Read("age, workclass, label(IsOver50K)\n39, State-gov, 0\n50, ?, 1\n");

        Assert.Equal(["age", "workclass", "label(IsOver50K)"], data.Columns.Select(c => c.Name));
        Assert.Equal(["State-gov"], data["workclass"].Categories);
        Assert.Equal([0, -1], data["workclass"].Codes);
        Assert.Equal([0f, 1f], data["label(IsOver50K)"].Values);
    }

    [Fact]
    public void FromCsv_TabAndSemicolonSpace_DetectsTheSeparator()
    {
        var tab = Read("a\tb\n1\tx\n2\ty\n");
        var semicolon = Read("a; b\n1; x\n2; y\n");

        Assert.Equal(["x", "y"], tab["b"].Categories);
        Assert.Equal(["x", "y"], semicolon["b"].Categories);
        Assert.Equal([1f, 2f], semicolon["a"].Values);
    }

    [Fact]
    public void FromCsv_HeaderForcedOffAndCommentLines_AreHonoured()
    {
        var data = Read("// a comment\nx,y\nz,w\n", new CsvReadOptions { HasHeader = false });

        Assert.Equal(2, data.RowCount);
        Assert.Equal(["x", "z"], data["Column1"].Categories);
    }

    [Fact]
    public void FromCsv_RowWithWrongFieldCount_ThrowsNamingTheLine()
    {
        var error = Assert.Throws<TrainingException>(() => Read("a,b\n1,2\n3\n"));

        Assert.Equal(3, error.Row);
    }

    [Fact]
    public void FromCsv_EmptyOrHeaderOnly_Throws()
    {
        Assert.Throws<TrainingException>(() => Read(""));
        Assert.Throws<TrainingException>(() => Read("a,b\n"));
    }

    [Fact]
    public void FromCsv_DuplicateColumnNames_Throws()
    {
        var error = Assert.Throws<TrainingException>(() => Read("a,a\nx,y\n"));

        Assert.Equal("a", error.Column);
    }

    [Fact]
    public void FromCsv_MissingFile_Throws()
    {
        Assert.Throws<TrainingException>(() => TabularDataset.FromCsv(Path.Combine(Path.GetTempPath(), "no-such-file.csv")));
    }

    [Fact]
    public void Split_SameSeed_GivesTheSameRowsAndCoversEveryRow()
    {
        var data = new TabularDataset([DataColumn.Numeric("v", Enumerable.Range(0, 100).Select(i => (float)i).ToArray())]);

        var (train, test) = data.Split(0.2, seed: 5);
        var (train2, _) = data.Split(0.2, seed: 5);

        Assert.Equal(80, train.RowCount);
        Assert.Equal(20, test.RowCount);
        Assert.Equal(train["v"].Values, train2["v"].Values);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), train["v"].Values.Concat(test["v"].Values).Order());
    }
}
