using ModelOps.Errors;

namespace ModelOps.Retraining.Tests.Configuration;

public sealed class TrainingConfigurationValidatorTests
{
    private static readonly TrainingConfiguration Valid = new()
    {
        Label = "diagnosis",
        Task = "binary",
        Trainer = "gbt",
        Metric = "auc",
        HoldoutFraction = 0.25,
        Promotion = new PromotionSettings { Minimum = 0.75, MaxDrop = 0.005 },
    };

    [Fact]
    public void Validate_ContractExample_Passes()
    {
        TrainingConfigurationValidator.Validate(Valid);
        TrainingConfigurationValidator.Validate(Valid with { Trainer = "external", ExternalTrainer = "xgboost-gpu", Parameters = new Dictionary<string, System.Text.Json.JsonElement> { ["depth"] = System.Text.Json.JsonSerializer.SerializeToElement(6) }, Schedule = "0 0 3 * * *" }, null, Declared);
    }

    private static readonly Dictionary<string, ExternalTrainerOptions> Declared = new()
    {
        ["xgboost-gpu"] = new ExternalTrainerOptions { Command = ["python3", "train.py", "--depth", "{param:depth}"] },
    };

    public static TheoryData<string, TrainingConfiguration, string> Invalid => new()
    {
        { "unknown trainer", Valid with { Trainer = "xgboost" }, "'trainer'" },
        { "unknown task", Valid with { Task = "ranking" }, "'task'" },
        { "unknown metric", Valid with { Metric = "kappa" }, "'metric'" },
        { "metric of another task", Valid with { Metric = "rmse" }, "does not apply" },
        { "holdout zero", Valid with { HoldoutFraction = 0 }, "'holdoutFraction'" },
        { "holdout one", Valid with { HoldoutFraction = 1 }, "'holdoutFraction'" },
        { "holdout NaN", Valid with { HoldoutFraction = double.NaN }, "'holdoutFraction'" },
        { "negative maxDrop", Valid with { Promotion = new PromotionSettings { MaxDrop = -0.1 } }, "'promotion.maxDrop'" },
        { "no label", Valid with { Label = "" }, "'label'" },
        { "label as feature", Valid with { Features = ["a", "diagnosis"] }, "label" },
        { "empty features", Valid with { Features = [] }, "'features'" },
        { "linear for classification", Valid with { Trainer = "linear" }, "regression only" },
        { "external without a trainer name", Valid with { Trainer = "external" }, "'externalTrainer' is required" },
        { "external trainer not declared", Valid with { Trainer = "external", ExternalTrainer = "sh" }, "'xgboost-gpu'" },
        { "declared argument without its parameter", Valid with { Trainer = "external", ExternalTrainer = "xgboost-gpu", Parameters = null }, "parameter 'depth'" },
        { "declared argument with an object parameter", Valid with { Trainer = "external", ExternalTrainer = "xgboost-gpu", Parameters = new Dictionary<string, System.Text.Json.JsonElement> { ["depth"] = System.Text.Json.JsonSerializer.SerializeToElement(new { a = 1 }) } }, "parameter 'depth'" },
        { "external trainer for built-in", Valid with { ExternalTrainer = "xgboost-gpu" }, "'externalTrainer'" },
        { "bad schedule", Valid with { Schedule = "0 0 3 * *" }, "'schedule'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadConfiguration_IsInvalidInputNamingTheField(string why, TrainingConfiguration configuration, string expected)
    {
        var exception = Assert.Throws<ModelOpsException>(() => TrainingConfigurationValidator.Validate(configuration, null, Declared));

        Assert.Equal(ErrorKind.InvalidInput, exception.Kind);
        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {exception.Message}");
    }

    [Fact]
    public void Read_ACommand_IsRefusedBeforeAnythingIsStored()
    {
        using var body = System.Text.Json.JsonDocument.Parse("""{"label":"y","task":"binary","trainer":"external","externalTrainer":"xgboost-gpu","metric":"auc","command":["/bin/sh","-c","id > /tmp/x"]}""");

        var exception = Assert.Throws<ModelOpsException>(() => TrainingConfigurationJson.Read(body.RootElement));

        Assert.Equal(ErrorKind.InvalidInput, exception.Kind);
        Assert.Contains("'command' is not accepted", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnUnknownField_IsInvalidNamingIt()
    {
        using var body = System.Text.Json.JsonDocument.Parse("""{"label":"y","task":"binary","trainer":"gbt","metric":"auc","shell":"bash"}""");

        var exception = Assert.Throws<ModelOpsException>(() => TrainingConfigurationJson.Read(body.RootElement));

        Assert.Contains("no field 'shell'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownColumnsOfASeenDataset_AreInvalidInput()
    {
        var exception = Assert.Throws<ModelOpsException>(() =>
            TrainingConfigurationValidator.Validate(Valid with { Features = ["radius", "texture"] }, ["diagnosis", "radius"]));

        Assert.Contains("'texture'", exception.Message, StringComparison.Ordinal);
        TrainingConfigurationValidator.Validate(Valid with { Features = ["radius"] }, ["diagnosis", "radius"]);
    }
}
