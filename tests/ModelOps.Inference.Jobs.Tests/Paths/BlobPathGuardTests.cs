using Microsoft.Extensions.Options;
using ModelOps.Errors;

namespace ModelOps.Inference.Jobs.Tests.Paths;

public sealed class BlobPathGuardTests
{
    private static readonly BlobPathGuard Guard = new(Options.Create(new InferenceJobsOptions()));

    [Theory]
    [InlineData("inference-results/m/1.json", "inference-results", "m/1.json")]
    [InlineData("batch-output/a/b/c.json", "batch-output", "a/b/c.json")]
    public void Output_InsideAllowedContainers_Accepted(string text, string container, string name) =>
        Assert.Equal(new BlobPath(container, name), Guard.Output(text, "outputBlob"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("models/m/1/model.onnx")]
    [InlineData("training-data/m/x.csv")]
    [InlineData("batch-input/x.json")]
    [InlineData("batch-output")]
    [InlineData("batch-output/")]
    [InlineData("batch-output/../models/x")]
    [InlineData("batch-output/a/../../models/x")]
    [InlineData("batch-output/./x")]
    [InlineData("batch-output//x")]
    [InlineData("batch-output/a\\..\\x")]
    [InlineData("batch-output/x?comp=list")]
    [InlineData("batch-output/x#y")]
    [InlineData("batch-output/x\u0001")]
    [InlineData("Batch-Output/x")]
    public void Output_OutsideOrNotPlain_Refused(string? text)
    {
        var refused = Assert.Throws<ModelOpsException>(() => Guard.Output(text, "outputBlob"));

        Assert.Equal(ErrorKind.InvalidInput, refused.Kind);
        Assert.Contains("'outputBlob'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_NormalisedWithTrailingSlash()
    {
        Assert.Equal(new BlobPath("batch-input", "a/b/"), Guard.InputFolder("batch-input/a/b", "input"));
        Assert.Equal(new BlobPath("batch-input", "a/b/"), Guard.InputFolder("batch-input/a/b/", "input"));
        Assert.Equal(new BlobPath("batch-output", string.Empty), Guard.OutputFolder("batch-output", "output"));
    }

    [Fact]
    public void AllowedContainers_Configured_ReplaceTheDefaults()
    {
        var guard = new BlobPathGuard(Options.Create(new InferenceJobsOptions { AllowedOutputContainers = ["scores"], AllowedInputContainers = ["uploads"] }));

        Assert.Equal(new BlobPath("scores", "x.json"), guard.Output("scores/x.json", "outputBlob"));
        Assert.Equal(new BlobPath("uploads", "x.json"), guard.Input("uploads/x.json", "inputBlob"));
        Assert.Throws<ModelOpsException>(() => guard.Output("batch-output/x.json", "outputBlob"));
    }
}
