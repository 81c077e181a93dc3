using System.Globalization;
using ModelOps.Tensors;
using ModelOps.Training.Data;

namespace ModelOps.Training.Tests.Support;

/// <summary>Asserts that ONNX Runtime's outputs equal the trainer's in-process predictions.</summary>
internal static class Equivalence
{
    /// <summary>Relative tolerance, with an absolute floor of 1e-6 for values near zero (tiny probabilities in float).</summary>
    public const double Relative = 1e-5;
    public const double AbsoluteFloor = 1e-6;

    public static void AssertSame(TrainedModel model, TabularDataset data)
    {
        var bytes = model.ExportOnnx();
        var ort = OrtRunner.Run(bytes, model, data);
        var expected = model.Predict(data);
        var n = data.RowCount;
        if (model.Task == ModelTask.Regression)
        {
            Assert.Equal(["prediction"], ort.Keys.Order());
            var prediction = ort["prediction"];
            Assert.Equal(TensorElementType.Float32, prediction.ElementType);
            Assert.Equal([n], prediction.Shape);
            var values = prediction.As<float>();
            for (var r = 0; r < n; r++)
            {
                AssertClose(expected.Values[r], values[r], $"row {r} prediction");
            }

            return;
        }

        var k = model.Classes.Count;
        Assert.Equal(["label", "probabilities"], ort.Keys.Order());
        var probabilities = ort["probabilities"];
        Assert.Equal(TensorElementType.Float32, probabilities.ElementType);
        Assert.Equal([n, k], probabilities.Shape);
        var p = probabilities.As<float>();
        for (var i = 0; i < n * k; i++)
        {
            AssertClose(expected.Probabilities[i], p[i], $"row {i / k} class {model.Classes[i % k]}");
        }

        var label = ort["label"];
        Assert.Equal([n], label.Shape);
        string[] labels;
        if (model.IntegerClasses)
        {
            Assert.Equal(TensorElementType.Int64, label.ElementType);
            labels = label.As<long>().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        else
        {
            Assert.Equal(TensorElementType.String, label.ElementType);
            labels = label.As<string>();
        }

        for (var r = 0; r < n; r++)
        {
            if (labels[r] != expected.Labels[r])
            {
                // Only a tie between the top two classes (within float precision) may pick differently.
                var sorted = Enumerable.Range(0, k).Select(c => expected.Probability(r, c)).OrderDescending().ToArray();
                Assert.True(sorted[0] - sorted[1] < 1e-5, $"row {r}: ONNX Runtime says '{labels[r]}', in process '{expected.Labels[r]}'.");
            }
        }
    }

    public static void AssertClose(double expected, double actual, string what)
    {
        var tolerance = Math.Max(Relative * Math.Max(Math.Abs(expected), Math.Abs(actual)), AbsoluteFloor);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: in process {expected:R}, ONNX Runtime {actual:R}.");
    }
}
