using ModelOps.Training.Data;
using ModelOps.Training.Tests.Support;

namespace ModelOps.Training.Tests.Data;

/// <summary>Every bad input is a <see cref="TrainingException"/> naming what is at fault, or a documented fallback.</summary>
public sealed class BadInputTests
{
    private static TabularDataset Data(params DataColumn[] columns) => new(columns);

    private static float[] Numbers(int n, Func<int, float> f) => Enumerable.Range(0, n).Select(f).ToArray();

    private static DataColumn Label(int n) => DataColumn.FromStrings("label", Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "a" : "b").ToArray());

    [Theory]
    [InlineData("logistic")]
    [InlineData("gbt")]
    public void Train_LabelWithOneClass_Throws(string trainer)
    {
        var data = Data(DataColumn.Numeric("x", Numbers(50, i => i)), DataColumn.FromStrings("label", Enumerable.Repeat("only", 50).ToArray()));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create(trainer).Train(data, new TrainingRequest("label", TrainingTask.Classification)));

        Assert.Equal("label", error.Column);
        Assert.Contains("one class", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("gbt")]
    public void Train_FeatureMissingInEveryRow_Throws(string trainer)
    {
        var data = Data(DataColumn.Numeric("x", Numbers(50, i => i)), DataColumn.Numeric("empty", Numbers(50, _ => float.NaN)), Label(50));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create(trainer).Train(data, new TrainingRequest("label", TrainingTask.Classification)));

        Assert.Equal("empty", error.Column);
    }

    [Fact]
    public void Train_CategoricalMissingInEveryRow_Throws()
    {
        var data = Data(DataColumn.Numeric("x", Numbers(50, i => i)), DataColumn.FromStrings("c", new string?[50]), Label(50));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data, new TrainingRequest("label", TrainingTask.Classification)));

        Assert.Equal("c", error.Column);
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("gbt")]
    public void Train_ConstantColumns_AreDroppedWithAWarning(string trainer)
    {
        var data = Data(
            DataColumn.Numeric("x", Numbers(60, i => i % 7)),
            DataColumn.Numeric("same", Numbers(60, i => i % 5 == 0 ? float.NaN : 4)),
            DataColumn.FromStrings("word", Enumerable.Repeat("w", 60).ToArray()),
            Label(60));

        var model = TrainerCatalog.Create(trainer).Train(data, new TrainingRequest("label", TrainingTask.Classification));

        Assert.Equal(["x"], model.Features.Select(f => f.Name));
        Assert.Contains(model.Report.Warnings, w => w.Contains("'same'", StringComparison.Ordinal));
        Assert.Contains(model.Report.Warnings, w => w.Contains("'word'", StringComparison.Ordinal));
        Assert.Equal(60, model.Predict(data).RowCount);
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Train_InfinityInAnInMemoryColumn_ThrowsNamingColumnAndRow(float value)
    {
        var data = Data(DataColumn.Numeric("x", Numbers(30, i => i == 7 ? value : i)), Label(30));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("logistic").Train(data, new TrainingRequest("label", TrainingTask.Classification)));

        Assert.Equal("x", error.Column);
        Assert.Equal(8, error.Row);
    }

    [Fact]
    public void Train_InfiniteRegressionTarget_Throws()
    {
        var data = Data(DataColumn.Numeric("x", Numbers(30, i => i)), DataColumn.Numeric("y", Numbers(30, i => i == 3 ? float.PositiveInfinity : i)));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("linear").Train(data, new TrainingRequest("y", TrainingTask.Regression)));

        Assert.Equal(4, error.Row);
    }

    [Fact]
    public void Train_OnlyConstantFeatures_Throws()
    {
        var data = Data(DataColumn.Numeric("same", Numbers(30, _ => 1)), Label(30));

        Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data, new TrainingRequest("label", TrainingTask.Classification)));
    }

    [Fact]
    public void Train_IdentifierLikeCategorical_ThrowsNamingTheColumn()
    {
        var data = Data(
            DataColumn.Numeric("x", Numbers(100, i => i % 9)),
            DataColumn.FromStrings("name", Enumerable.Range(0, 100).Select(i => $"passenger {i}").ToArray()),
            Label(100));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("logistic").Train(data, new TrainingRequest("label", TrainingTask.Classification)));

        Assert.Equal("name", error.Column);
        Assert.Contains("100 distinct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_MoreCategoriesThanGbtBins_Throws()
    {
        var data = Data(
            DataColumn.Numeric("x", Numbers(2000, i => i % 9)),
            DataColumn.FromStrings("zip", Enumerable.Range(0, 2000).Select(i => $"z{i % 300}").ToArray()),
            Label(2000));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data, new TrainingRequest("label", TrainingTask.Classification)));

        Assert.Equal("zip", error.Column);
    }

    [Theory]
    [InlineData("gbt", "learningRate", 0)]
    [InlineData("gbt", "learningRate", 1.5)]
    [InlineData("gbt", "maxLeafNodes", 1)]
    [InlineData("gbt", "maxDepth", -1)]
    [InlineData("gbt", "minSamplesLeaf", 0)]
    [InlineData("gbt", "minSamplesLeaf", 2.5)]
    [InlineData("gbt", "l2", -1)]
    [InlineData("gbt", "maxIterations", 0)]
    [InlineData("gbt", "validationFraction", 0.9)]
    [InlineData("gbt", "maxBins", 300)]
    [InlineData("logistic", "l2", -0.1)]
    [InlineData("logistic", "maxIterations", 0)]
    [InlineData("linear", "l2", double.NaN)]
    public void Train_HyperParameterOutOfRange_ThrowsNamingIt(string trainer, string name, double value)
    {
        var task = trainer == "linear" ? TrainingTask.Regression : TrainingTask.Classification;
        var data = SyntheticData.Create(200, 1, task == TrainingTask.Regression ? "regression" : "binary-text");
        var request = new TrainingRequest("target", task) { Parameters = new TrainingParameters(new Dictionary<string, double> { [name] = value }) };

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create(trainer).Train(data, request));

        Assert.Equal(name, error.Column);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_UnknownHyperParameter_ThrowsListingTheKnownOnes()
    {
        var data = SyntheticData.Create(200, 1, "binary-text");
        var request = new TrainingRequest("target", TrainingTask.Classification)
        {
            Parameters = new TrainingParameters(new Dictionary<string, double> { ["learning_rate"] = 0.1 }),
        };

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data, request));

        Assert.Contains("learningRate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_HyperParameterOfWrongJsonKind_Throws()
    {
        var data = SyntheticData.Create(200, 1, "binary-text");
        var parameters = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["earlyStopping"] = System.Text.Json.JsonSerializer.SerializeToElement("sometimes"),
        };

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data,
            new TrainingRequest("target", TrainingTask.Classification) { Parameters = new TrainingParameters(parameters) }));

        Assert.Equal("earlyStopping", error.Column);
    }

    [Fact]
    public void Train_RegressionOnTextLabel_Throws()
    {
        var data = SyntheticData.Create(100, 1, "binary-text");

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data, new TrainingRequest("target", TrainingTask.Regression)));

        Assert.Equal("target", error.Column);
    }

    [Fact]
    public void Train_ClassificationOnFractionalNumbers_Throws()
    {
        var data = SyntheticData.Create(100, 1, "regression");

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data, new TrainingRequest("target", TrainingTask.Classification)));

        Assert.Equal("target", error.Column);
    }

    [Fact]
    public void Train_MissingLabel_ThrowsNamingTheRow()
    {
        var data = Data(DataColumn.Numeric("x", Numbers(10, i => i)), DataColumn.FromStrings("label", ["a", "b", "a", null, "b", "a", "b", "a", "b", "a"]));

        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("logistic").Train(data, new TrainingRequest("label", TrainingTask.Classification)));

        Assert.Equal(4, error.Row);
    }

    [Fact]
    public void Train_WrongTaskForTrainer_Throws()
    {
        var regression = SyntheticData.Create(100, 1, "regression");
        var classification = SyntheticData.Create(100, 1, "binary-text");

        Assert.Throws<TrainingException>(() => TrainerCatalog.Create("logistic").Train(regression, new TrainingRequest("target", TrainingTask.Regression)));
        Assert.Throws<TrainingException>(() => TrainerCatalog.Create("linear").Train(classification, new TrainingRequest("target", TrainingTask.Classification)));
    }

    [Fact]
    public void Create_UnknownTrainerOrColumn_Throws()
    {
        Assert.Throws<TrainingException>(() => TrainerCatalog.Create("forest"));
        var data = SyntheticData.Create(100, 1, "binary-text");
        var error = Assert.Throws<TrainingException>(() => TrainerCatalog.Create("gbt").Train(data, new TrainingRequest("nope", TrainingTask.Classification)));
        Assert.Equal("nope", error.Column);
    }

    [Fact]
    public void Predict_NumericFeatureGivenAsText_Throws()
    {
        var data = SyntheticData.Create(200, 1, "binary-text");
        var model = TrainerCatalog.Create("gbt").Train(data, new TrainingRequest("target", TrainingTask.Classification));
        var bad = new TabularDataset([
            DataColumn.FromStrings("x1", ["high"]), DataColumn.Numeric("x2", [1]), DataColumn.FromStrings("colour", ["blue"]), DataColumn.FromStrings("size", ["big"]),
        ]);

        var error = Assert.Throws<TrainingException>(() => model.Predict(bad));

        Assert.Equal("x1", error.Column);
    }
}
