using ModelOps.Training.Data;
using ModelOps.Training.Onnx;

namespace ModelOps.Training.Linear;

/// <summary>
/// A linear model over the <see cref="DesignMatrix"/> columns: scores = x W + b. Logistic regression (sigmoid or
/// softmax head) and ridge regression share it. The graph computes the product and head in double, as here.
/// </summary>
internal sealed class LinearModel : TrainedModel
{
    private readonly DesignMatrix _design;
    private readonly double[] _weights;
    private readonly double[] _bias;

    public LinearModel(string trainer, PreparedData data, string label, DesignMatrix design, double[] weights, double[] bias)
        : base(trainer, data, label)
    {
        _design = design;
        _weights = weights;
        _bias = bias;
    }

    internal override void Score(EncodedFeatures x, double[] scores)
    {
        var width = ScoreWidth;
        var d = _design.Width;
        Parallel.For(0, (x.RowCount + 1023) / 1024, () => new double[d], (chunk, _, row) =>
        {
            var end = Math.Min(x.RowCount, (chunk + 1) * 1024);
            for (var r = chunk * 1024; r < end; r++)
            {
                _design.Row(x, r, row);
                for (var k = 0; k < width; k++)
                {
                    double sum = _bias[k];
                    for (var j = 0; j < d; j++)
                    {
                        sum += row[j] * _weights[(j * width) + k];
                    }

                    scores[(r * width) + k] = sum;
                }
            }

            return row;
        }, _ => { });
    }

    private protected override bool ScoresAreDouble => true;

    private protected override string BuildScores(OnnxGraphBuilder graph)
    {
        var parts = new List<string>();
        if (_design.NumericFeatures.Length > 0)
        {
            var inputs = _design.NumericFeatures.Select(f => Features[f].Name).ToArray();
            var numeric = inputs[0];
            if (inputs.Length > 1)
            {
                numeric = graph.Name("numeric");
                graph.Node("Concat", inputs, [numeric], OnnxAttribute.Int("axis", 1));
            }

            var imputed = graph.Name("imputed");
            graph.MlNode("Imputer", [numeric], [imputed],
                OnnxAttribute.Floats("imputed_value_floats", _design.Means),
                OnnxAttribute.Float("replaced_value_float", float.NaN));
            graph.ValueInfo(imputed, OnnxTensor.Float, null, inputs.Length);
            var scaled = graph.Name("scaled");
            graph.MlNode("Scaler", [imputed], [scaled],
                OnnxAttribute.Floats("offset", _design.Means),
                OnnxAttribute.Floats("scale", _design.Scales));
            graph.ValueInfo(scaled, OnnxTensor.Float, null, inputs.Length);
            parts.Add(scaled);
        }

        foreach (var f in _design.CategoricalFeatures)
        {
            var feature = Features[f];
            var encoded = graph.Name("onehot3d");
            graph.MlNode("OneHotEncoder", [feature.Name], [encoded],
                OnnxAttribute.Strings("cats_strings", feature.Categories),
                OnnxAttribute.Int("zeros", 1));
            graph.ValueInfo(encoded, OnnxTensor.Float, null, 1, feature.Categories.Count);
            var shape = graph.Initializer(OnnxTensor.Int64s(graph.Name("onehot_shape"), [-1, feature.Categories.Count], 2));
            var flat = graph.Name("onehot");
            graph.Node("Reshape", [encoded, shape], [flat]);
            parts.Add(flat);
        }

        var x = parts[0];
        if (parts.Count > 1)
        {
            x = graph.Name("design");
            graph.Node("Concat", [.. parts], [x], OnnxAttribute.Int("axis", 1));
        }

        // The product runs in double, as in process, so that cancelling terms lose no precision.
        var xDouble = graph.Name("design_double");
        graph.Node("Cast", [x], [xDouble], OnnxAttribute.Int("to", OnnxTensor.Double));
        var width = ScoreWidth;
        var weights = graph.Initializer(OnnxTensor.Doubles(graph.Name("weights"), _weights, _design.Width, width));
        var bias = graph.Initializer(OnnxTensor.Doubles(graph.Name("bias"), _bias, width));
        var product = graph.Name("product");
        var scores = graph.Name("scores");
        graph.Node("MatMul", [xDouble, weights], [product]);
        graph.Node("Add", [product, bias], [scores]);
        return scores;
    }
}
