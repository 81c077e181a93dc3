using System.Text.Json;
using ModelOps.Tensors;
using ModelOps.Training.Tests.Support;

namespace ModelOps.Training.Tests.Onnx;

public sealed class OnnxMetadataTests
{
    [Fact]
    public void ExportOnnx_Classifier_DeclaresRawColumnInputsOutputsAndMetadata()
    {
        var train = SyntheticData.Create(500, seed: 3, "multiclass-text");
        var model = TrainerCatalog.Create("gbt").Train(train, new TrainingRequest("target", TrainingTask.Classification));

        using var session = OrtRunner.Runtime.Load(model.ExportOnnx());
        var signature = session.Signature;

        Assert.Equal(["x1", "x2", "colour", "size"], signature.Inputs.Select(i => i.Name));
        Assert.Equal(TensorElementType.Float32, signature.Inputs[0].ElementType);
        Assert.Equal(TensorElementType.String, signature.Inputs[2].ElementType);
        Assert.Equal(["label", "probabilities"], signature.Outputs.Select(o => o.Name));
        var metadata = signature.Metadata.Custom;
        Assert.Equal("multiclass", metadata["modelops.task"]);
        Assert.Equal("gbt", metadata["modelops.trainer"]);
        Assert.Equal(["high", "low", "mid"], JsonSerializer.Deserialize<string[]>(metadata["modelops.classes"])!);
        using var features = JsonDocument.Parse(metadata["modelops.features"]);
        Assert.Equal("colour", features.RootElement[2].GetProperty("name").GetString());
        Assert.Equal("categorical", features.RootElement[2].GetProperty("kind").GetString());
    }

    [Fact]
    public void ExportOnnx_Regression_HasOnePredictionOutput()
    {
        var train = SyntheticData.Create(500, seed: 3, "regression");
        var model = TrainerCatalog.Create("linear").Train(train, new TrainingRequest("target", TrainingTask.Regression));

        using var session = OrtRunner.Runtime.Load(model.ExportOnnx());

        Assert.Equal(["prediction"], session.Signature.Outputs.Select(o => o.Name));
        Assert.Equal("regression", session.Signature.Metadata.Custom["modelops.task"]);
        Assert.Equal("[]", session.Signature.Metadata.Custom["modelops.classes"]);
    }
}
