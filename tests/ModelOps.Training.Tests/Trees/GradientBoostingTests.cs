using ModelOps.Training.Data;
using ModelOps.Training.Tests.Support;

namespace ModelOps.Training.Tests.Trees;

public sealed class GradientBoostingTests
{
    private static TrainingRequest Request(TrainingTask task, Dictionary<string, double>? parameters = null) =>
        new("target", task) { Parameters = new TrainingParameters(parameters ?? []) };

    [Fact]
    public void Train_SameSeed_GivesIdenticalModels()
    {
        var data = SyntheticData.Create(12_000, seed: 2, "multiclass-text");
        var trainer = TrainerCatalog.Create("gbt");

        var first = trainer.Train(data, Request(TrainingTask.Classification, new() { ["seed"] = 9, ["maxIterations"] = 20 }));
        var second = trainer.Train(data, Request(TrainingTask.Classification, new() { ["seed"] = 9, ["maxIterations"] = 20 }));

        Assert.Equal(first.ExportOnnx(), second.ExportOnnx());
    }

    [Fact]
    public void Train_LargeData_StopsEarlyOnTheValidationSplit()
    {
        var data = SyntheticData.Create(12_000, seed: 4, "binary-int");

        var model = TrainerCatalog.Create("gbt").Train(data, Request(TrainingTask.Classification, new() { ["learningRate"] = 0.5, ["maxIterations"] = 500 }));

        Assert.True(model.Report.Iterations < 500, $"ran {model.Report.Iterations} iterations");
        Assert.Equal(model.Report.Iterations + 1, model.Report.ValidationLoss.Count);
        Assert.True(model.Report.ValidationLoss[^1] < model.Report.ValidationLoss[0]);
    }

    [Fact]
    public void Train_EarlyStoppingOff_RunsEveryIteration()
    {
        var data = SyntheticData.Create(12_000, seed: 4, "binary-int");

        var model = TrainerCatalog.Create("gbt").Train(data, Request(TrainingTask.Classification, new() { ["earlyStopping"] = 0, ["maxIterations"] = 15 }));

        Assert.Equal(15, model.Report.Iterations);
        Assert.Empty(model.Report.ValidationLoss);
    }

    [Fact]
    public void Train_MissingnessCarriesTheSignal_LearnsTheMissingDirection()
    {
        // y = 1 exactly when x is missing; x itself is noise.
        var random = new Random(1);
        var n = 2000;
        var x = new float[n];
        var y = new string[n];
        for (var i = 0; i < n; i++)
        {
            var missing = random.NextDouble() < 0.3;
            x[i] = missing ? float.NaN : (float)random.NextDouble();
            y[i] = missing ? "yes" : "no";
        }

        var data = new TabularDataset([DataColumn.Numeric("x", x), DataColumn.FromStrings("target", y)]);
        var model = TrainerCatalog.Create("gbt").Train(data, Request(TrainingTask.Classification));
        var probe = new TabularDataset([DataColumn.Numeric("x", [float.NaN, 0.5f]), DataColumn.FromStrings("target", ["yes", "no"])]);

        var prediction = model.Predict(probe);

        Assert.Equal(["yes", "no"], prediction.Labels);
        Assert.True(prediction.Probability(0, 1) > 0.99);
        Equivalence.AssertSame(model, probe);
    }

    [Fact]
    public void Train_CategoryGroupsDecideTheLabel_SplitsOnCategorySets()
    {
        // Categories c0..c9: the even ones are positive. One set split separates them; one-vs-rest splits cannot in one step.
        var random = new Random(3);
        var n = 3000;
        var category = new string[n];
        var y = new string[n];
        for (var i = 0; i < n; i++)
        {
            var c = random.Next(10);
            category[i] = $"c{c}";
            y[i] = c % 2 == 0 ? "pos" : "neg";
        }

        var data = new TabularDataset([DataColumn.FromStrings("cat", category), DataColumn.Numeric("noise", Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray()), DataColumn.FromStrings("target", y)]);
        var model = TrainerCatalog.Create("gbt").Train(data, Request(TrainingTask.Classification, new() { ["maxIterations"] = 5, ["maxLeafNodes"] = 2 }));

        var prediction = model.Predict(data);

        Assert.Equal(y, prediction.Labels);
        Equivalence.AssertSame(model, data);
    }

    [Fact]
    public void Train_Regression_FitsBetterThanTheMean()
    {
        var train = SyntheticData.Create(4000, seed: 5, "regression");
        var test = SyntheticData.Create(1000, seed: 6, "regression");
        var model = TrainerCatalog.Create("gbt").Train(train, Request(TrainingTask.Regression));

        var prediction = model.Predict(test);
        var truth = test["target"].Values;
        var mean = truth.Average();
        var sse = Enumerable.Range(0, truth.Length).Sum(i => Math.Pow(prediction.Values[i] - truth[i], 2));
        var sst = truth.Sum(t => Math.Pow(t - mean, 2));

        Assert.True(1 - (sse / sst) > 0.8, $"R^2 {1 - (sse / sst)}");
    }

    [Fact]
    public void Train_MaxLeafNodesAndDepth_BoundEveryTree()
    {
        var data = SyntheticData.Create(3000, seed: 8, "regression");
        var model = (ModelOps.Training.Trees.GradientBoostedModel)TrainerCatalog.Create("gbt").Train(
            data, Request(TrainingTask.Regression, new() { ["maxLeafNodes"] = 4, ["maxIterations"] = 10 }));
        var deep = (ModelOps.Training.Trees.GradientBoostedModel)TrainerCatalog.Create("gbt").Train(
            data, Request(TrainingTask.Regression, new() { ["maxDepth"] = 1, ["maxIterations"] = 10 }));

        Assert.All(model.Trees, t => Assert.True(t.NodeCount <= 7));
        Assert.All(deep.Trees, t => Assert.True(t.NodeCount <= 3));
    }

    [Fact]
    public void Train_Cancelled_Throws()
    {
        var data = SyntheticData.Create(2000, seed: 8, "regression");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => TrainerCatalog.Create("gbt").Train(data, Request(TrainingTask.Regression), cancellation.Token));
    }
}
