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
        TrainingConfigurationValidator.Validate(Valid with { Trainer = "external", Command = ["python3", "train.py"], TimeoutMinutes = 5, Schedule = "0 0 3 * * *" });
    }

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
        { "external without command", Valid with { Trainer = "external" }, "'command'" },
        { "external bad timeout", Valid with { Trainer = "external", Command = ["x"], TimeoutMinutes = 0 }, "'timeoutMinutes'" },
        { "command for built-in", Valid with { Command = ["x"] }, "'command'" },
        { "bad schedule", Valid with { Schedule = "0 0 3 * *" }, "'schedule'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadConfiguration_IsInvalidInputNamingTheField(string why, TrainingConfiguration configuration, string expected)
    {
        var exception = Assert.Throws<ModelOpsException>(() => TrainingConfigurationValidator.Validate(configuration));

        Assert.Equal(ErrorKind.InvalidInput, exception.Kind);
        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {exception.Message}");
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
