using ModelOps.Errors;
using ModelOps.Inference;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Core.Tests.Inference;

public sealed class InputValidatorTests
{
    private static readonly ValueSpec[] Signature =
    [
        ValueSpec.ForTensor("features", TensorElementType.Float32, -1, 4),
        ValueSpec.ForTensor("city", TensorElementType.String, -1, 1),
    ];

    private static readonly ValueSpec[] Outputs = [ValueSpec.ForTensor("label", TensorElementType.Int64, -1)];

    private static NamedValue Features(params long[] shape) =>
        new("features", new Tensor(TensorElementType.Float32, shape, new float[Tensor.ElementCount(shape)]));

    private static NamedValue City(int rows) =>
        new("city", new Tensor(TensorElementType.String, [rows, 1], TensorElementType.String.CreateArray(rows)));

    private static string Fails(IReadOnlyList<NamedValue> inputs, IReadOnlyList<string>? outputs = null)
    {
        var exception = Assert.Throws<ModelOpsException>(() => InputValidator.Validate("m", Signature, inputs, outputs, Outputs));
        Assert.Equal(ErrorKind.InvalidInput, exception.Kind);
        return exception.Message;
    }

    [Fact]
    public void Validate_MatchingInputsWithDynamicBatch_Passes() =>
        InputValidator.Validate("m", Signature, [Features(7, 4), City(7)], null, Outputs);

    [Fact]
    public void Validate_NoInputs_NamesWhatTheModelTakes() =>
        Assert.Contains("'features' (FP32 [-1,4])", Fails([]), StringComparison.Ordinal);

    [Fact]
    public void Validate_UnknownName_NamesIt() =>
        Assert.Contains("no input named 'feature'", Fails([new NamedValue("feature", Features(1, 4).Value), City(1)]), StringComparison.Ordinal);

    [Fact]
    public void Validate_MissingInput_NamesIt() =>
        Assert.Contains("Input 'city' (BYTES [-1,1]) is missing", Fails([Features(1, 4)]), StringComparison.Ordinal);

    [Fact]
    public void Validate_DuplicateInput_NamesIt() =>
        Assert.Contains("'features' is given more than once", Fails([Features(1, 4), Features(1, 4), City(1)]), StringComparison.Ordinal);

    [Fact]
    public void Validate_WrongDatatype_NamesBoth()
    {
        var wrong = new NamedValue("features", new Tensor(TensorElementType.Float64, [1, 4], new double[4]));

        Assert.Contains("datatype FP64 but the model expects FP32", Fails([wrong, City(1)]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongRank_NamesShapes() =>
        Assert.Contains("shape [4] (rank 1) but the model expects [-1,4] (rank 2)", Fails([Features(4), City(1)]), StringComparison.Ordinal);

    [Fact]
    public void Validate_WrongFixedDimension_NamesIt() =>
        Assert.Contains("dimension 1 must be 4", Fails([Features(2, 3), City(2)]), StringComparison.Ordinal);

    [Fact]
    public void Validate_UnknownOutput_NamesIt() =>
        Assert.Contains("no output named 'proba'", Fails([Features(1, 4), City(1)], ["proba"]), StringComparison.Ordinal);
}
