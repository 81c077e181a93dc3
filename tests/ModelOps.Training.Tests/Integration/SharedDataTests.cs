using ModelOps.Training.Data;
using ModelOps.Training.Tests.Support;

namespace ModelOps.Training.Tests.Integration;

/// <summary>Integration tests on the public datasets in ../shared/data/tabular.</summary>
public sealed class SharedDataTests
{
    private static string File(string name) => Path.Combine(RepoPaths.TabularData, name);

    [Theory]
    [InlineData("logistic")]
    [InlineData("gbt")]
    public void Iris_Multiclass_AccurateAndSameInOnnxRuntime(string trainer)
    {
        var data = TabularDataset.FromCsv(File("pycaret_iris.csv"));
        var (train, test) = data.Split(0.3, seed: 1);

        var model = TrainerCatalog.Create(trainer).Train(train, new TrainingRequest("species", TrainingTask.Classification));
        var prediction = model.Predict(test);

        Assert.Equal(ModelTask.Multiclass, model.Task);
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], model.Classes);
        var accuracy = Enumerable.Range(0, test.RowCount).Count(r => prediction.Labels[r] == test["species"].TextAt(r)) / (double)test.RowCount;
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy}");
        Equivalence.AssertSame(model, test);
        Assert.Null(OnnxChecker.Check(model.ExportOnnx()));
    }

    [Fact]
    public void IrisWithoutHeader_ReadsTheOriginalUciLayout()
    {
        var data = TabularDataset.FromCsv(File("mlnet_iris.data"));

        Assert.Equal(150, data.RowCount);
        Assert.Equal(3, data["Column5"].Categories.Count);
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("gbt")]
    public void CreditApproval_Binary_GoodAucAndSameInOnnxRuntime(string trainer)
    {
        var data = TabularDataset.FromCsv(File("mlnet_creditapproval_train.csv"));
        var (train, test) = data.Split(0.25, seed: 2);

        var model = TrainerCatalog.Create(trainer).Train(train, new TrainingRequest("A16", TrainingTask.Classification));
        var prediction = model.Predict(test);

        Assert.Equal(ModelTask.Binary, model.Task);
        Assert.Contains(model.Features, f => f.Kind == ColumnKind.Categorical);
        var positive = model.Classes[1];
        var scores = Enumerable.Range(0, test.RowCount).Select(r => prediction.Probability(r, 1)).ToArray();
        var truth = Enumerable.Range(0, test.RowCount).Select(r => test["A16"].TextAt(r) == positive).ToArray();
        var auc = Auc(scores, truth);
        Assert.True(auc > 0.85, $"AUC {auc}");
        Equivalence.AssertSame(model, test);
        Assert.Null(OnnxChecker.Check(model.ExportOnnx()));
    }

    [Fact]
    public void Adult_ReadsCommaSpaceFileWithQuestionMarksAsMissing()
    {
        var data = TabularDataset.FromCsv(File("mlnet_adult.txt"));

        Assert.Equal(32_561, data.RowCount);
        Assert.Equal(15, data.Columns.Count);
        Assert.Equal(ColumnKind.Categorical, data["workclass"].Kind);
        Assert.DoesNotContain("?", data["workclass"].Categories);
        Assert.Contains(-1, data["workclass"].Codes);
        Assert.Equal(ColumnKind.Numeric, data["label(IsOver50K)"].Kind);
    }

    private static double Auc(double[] scores, bool[] positive)
    {
        double wins = 0;
        var pairs = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = 0; j < scores.Length; j++)
            {
                if (positive[i] && !positive[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        return wins / pairs;
    }
}
