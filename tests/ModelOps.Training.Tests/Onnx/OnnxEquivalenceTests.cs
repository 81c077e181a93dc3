using ModelOps.Training.Tests.Support;

namespace ModelOps.Training.Tests.Onnx;

/// <summary>For every trainer and task: the exported model, run by ONNX Runtime, predicts what the trainer predicts in process.</summary>
public sealed class OnnxEquivalenceTests
{
    public static TheoryData<string, string, TrainingTask> Cases => new()
    {
        { "logistic", "binary-text", TrainingTask.Classification },
        { "logistic", "binary-int", TrainingTask.Classification },
        { "logistic", "multiclass-int", TrainingTask.Classification },
        { "logistic", "multiclass-text", TrainingTask.Classification },
        { "linear", "regression", TrainingTask.Regression },
        { "gbt", "binary-text", TrainingTask.Classification },
        { "gbt", "binary-int", TrainingTask.Classification },
        { "gbt", "multiclass-int", TrainingTask.Classification },
        { "gbt", "multiclass-text", TrainingTask.Classification },
        { "gbt", "regression", TrainingTask.Regression },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportOnnx_RunByOnnxRuntime_MatchesInProcessPredictions(string trainer, string labels, TrainingTask task)
    {
        var train = SyntheticData.Create(3000, seed: 11, labels);
        var test = SyntheticData.Create(600, seed: 12, labels, unseen: true);
        var model = TrainerCatalog.Create(trainer).Train(train, new TrainingRequest("target", task));

        Equivalence.AssertSame(model, test);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportOnnx_EveryTrainerAndTask_PassesOnnxChecker(string trainer, string labels, TrainingTask task)
    {
        var train = SyntheticData.Create(800, seed: 21, labels);
        var model = TrainerCatalog.Create(trainer).Train(train, new TrainingRequest("target", task));

        Assert.Null(OnnxChecker.Check(model.ExportOnnx()));
    }

    [Fact]
    public void ExportOnnx_GbtWithDepthLimitAndL2_MatchesInProcessPredictions()
    {
        var train = SyntheticData.Create(5000, seed: 31, "multiclass-text");
        var test = SyntheticData.Create(500, seed: 32, "multiclass-text", unseen: true);
        var parameters = new TrainingParameters(new Dictionary<string, double>
        {
            ["maxDepth"] = 3, ["l2"] = 1.5, ["learningRate"] = 0.3, ["maxIterations"] = 40, ["minSamplesLeaf"] = 5,
        });
        var model = TrainerCatalog.Create("gbt").Train(train, new TrainingRequest("target", TrainingTask.Classification) { Parameters = parameters });

        Equivalence.AssertSame(model, test);
    }
}
