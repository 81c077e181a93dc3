using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Monitoring.Tests.Capture;

/// <summary>Answered requests as the inference service hands them to observers.</summary>
internal static class CaptureRecords
{
    public static ModelVersion Version(string model = "m", int version = 1) => new()
    {
        Name = model,
        Version = version,
        Sha256 = "00",
        Size = 1,
        Inputs = [ValueSpec.ForTensor("x", TensorElementType.Float32, -1, 1)],
        Outputs = [ValueSpec.ForTensor("label", TensorElementType.Int64, -1), ValueSpec.ForTensor("probabilities", TensorElementType.Float32, -1, 2)],
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>A JSON-rows request: one [N,1] float input <c>x</c>, one [N,1] string input <c>color</c>; a classifier's outputs.</summary>
    public static InferenceRecord Rows(string? id, DateTimeOffset time, float[] x, string?[] color, ModelVersion? version = null)
    {
        var n = x.Length;
        var labels = x.Select(v => v > 0 ? 1L : 0L).ToArray();
        var probabilities = x.SelectMany(v => new[] { v > 0 ? 0.2f : 0.8f, v > 0 ? 0.8f : 0.2f }).ToArray();
        return new InferenceRecord(
            version ?? Version(),
            id,
            time,
            [new NamedValue("x", Tensor.Create(x, n, 1)), new NamedValue("color", new Tensor(TensorElementType.String, [n, 1], color))],
            [new NamedValue("label", Tensor.Create(labels, n)), new NamedValue("probabilities", Tensor.Create(probabilities, n, 2))],
            TimeSpan.FromMilliseconds(1));
    }
}
