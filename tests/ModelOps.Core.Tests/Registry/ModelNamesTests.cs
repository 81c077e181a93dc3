using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Core.Tests.Registry;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("churn-v2")]
    [InlineData("fraud_model.onnx")]
    [InlineData("A1")]
    public void Validate_SafeName_ReturnsNull(string name) => Assert.Null(ModelNames.Validate(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a/b", "'/'")]
    [InlineData("..", "must start with a letter or digit")]
    [InlineData("a..b", "'..'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a b", "' '")]
    [InlineData("name.", "end with '.'")]
    [InlineData("-lead", "must start with a letter or digit")]
    [InlineData("caf\u00e9", "'\u00e9'")]
    public void Validate_UnsafeName_SaysWhy(string name, string expectedFragment)
    {
        var error = ModelNames.Validate(name);

        Assert.NotNull(error);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooLong_Rejected()
    {
        var error = ModelNames.Validate(new string('a', ModelNames.MaxLength + 1));

        Assert.Contains("longer than 64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureValid_Invalid_ThrowsInvalidInput()
    {
        var exception = Assert.Throws<ModelOpsException>(() => ModelNames.EnsureValid("../etc", "alias"));

        Assert.Equal(ErrorKind.InvalidInput, exception.Kind);
        Assert.Contains("alias", exception.Message, StringComparison.Ordinal);
    }
}
