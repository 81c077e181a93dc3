using ModelOps.Onnx;
using ModelOps.Tensors;
using ModelOps.Training.Data;

namespace ModelOps.Training.Tests.Support;

/// <summary>Runs an exported model through the real ONNX Runtime (ModelOps.Onnx) on a dataset's raw columns.</summary>
internal static class OrtRunner
{
    private static readonly Lazy<OnnxModelRuntime> _runtime = new(() => new OnnxModelRuntime());

    public static OnnxModelRuntime Runtime => _runtime.Value;

    /// <summary>Outputs by name. Numeric columns go in as float [N,1] (NaN = missing), categorical ones as string [N,1] ("" = missing).</summary>
    public static Dictionary<string, Tensor> Run(byte[] model, TrainedModel trained, TabularDataset data)
    {
        using var session = Runtime.Load(model);
        var inputs = new List<NamedValue>();
        foreach (var feature in trained.Features)
        {
            var column = data[feature.Name];
            if (feature.Kind == ColumnKind.Numeric)
            {
                inputs.Add(new NamedValue(feature.Name, Tensor.Create((float[])column.Values.Clone(), data.RowCount, 1)));
            }
            else
            {
                var text = Enumerable.Range(0, data.RowCount).Select(r => column.TextAt(r) ?? "").ToArray();
                inputs.Add(new NamedValue(feature.Name, new Tensor(TensorElementType.String, [data.RowCount, 1], text)));
            }
        }

        return session.Run(inputs).ToDictionary(o => o.Name, o => (Tensor)o.Value);
    }
}
