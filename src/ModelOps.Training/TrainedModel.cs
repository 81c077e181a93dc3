using System.Text.Json;
using ModelOps.Training.Data;
using ModelOps.Training.Onnx;

namespace ModelOps.Training;

/// <summary>
/// A trained model: predicts in process and exports an ONNX model that takes the raw columns by name and gives
/// the same predictions (see the README for inputs, outputs and metadata).
/// </summary>
public abstract class TrainedModel
{
    private protected TrainedModel(string trainer, PreparedData data, string label)
    {
        Trainer = trainer;
        Task = data.Task;
        Classes = data.Classes;
        IntegerClasses = data.IntegerClasses;
        Features = data.Features;
        Label = label;
        Report = new TrainingReport(data.Warnings, 0, TimeSpan.Zero);
    }

    /// <summary>The trainer's name (<c>logistic</c>, <c>linear</c>, <c>gbt</c>).</summary>
    public string Trainer { get; }

    public ModelTask Task { get; }

    /// <summary>The label column the model was trained on.</summary>
    public string Label { get; }

    /// <summary>Class labels in probability-column order (empty for regression).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>True when every class is an integer: the ONNX <c>label</c> output is then int64, else string.</summary>
    public bool IntegerClasses { get; }

    /// <summary>The model's inputs in order: raw columns by name.</summary>
    public IReadOnlyList<FeatureInfo> Features { get; }

    public TrainingReport Report { get; internal set; }

    /// <summary>Raw scores per row: logit (binary), one per class (multiclass) or the value (regression).</summary>
    internal int ScoreWidth => Task == ModelTask.Multiclass ? Classes.Count : 1;

    /// <summary>Fills <paramref name="scores"/> (rows × <see cref="ScoreWidth"/>, row-major) with raw scores.</summary>
    internal abstract void Score(EncodedFeatures x, double[] scores);

    /// <summary>Adds the nodes that turn the graph inputs into raw scores [N, ScoreWidth] and returns that value's name.</summary>
    private protected abstract string BuildScores(OnnxGraphBuilder graph);

    /// <summary>Whether <see cref="BuildScores"/> gives double scores (the head then works in double and casts to float last).</summary>
    private protected abstract bool ScoresAreDouble { get; }

    /// <summary>Predicts for every row of <paramref name="data"/> (columns matched by name; extra columns ignored).</summary>
    public Prediction Predict(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = EncodedFeatures.Encode(data, Features);
        var rows = x.RowCount;
        var width = ScoreWidth;
        var scores = new double[rows * width];
        Score(x, scores);
        if (Task == ModelTask.Regression)
        {
            return new Prediction(rows, [], [], scores, 0);
        }

        var k = Classes.Count;
        var probabilities = new double[rows * k];
        var labels = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            var p = probabilities.AsSpan(r * k, k);
            if (Task == ModelTask.Binary)
            {
                var p1 = 1.0 / (1.0 + Math.Exp(-scores[r]));
                p[0] = 1.0 - p1;
                p[1] = p1;
            }
            else
            {
                Softmax(scores.AsSpan(r * k, k), p);
            }

            var best = 0;
            for (var c = 1; c < k; c++)
            {
                if (p[c] > p[best])
                {
                    best = c;
                }
            }

            labels[r] = Classes[best];
        }

        return new Prediction(rows, labels, probabilities, [], k);
    }

    /// <summary>The ONNX model (IR 8, opsets ai.onnx 17 and ai.onnx.ml 3) as bytes.</summary>
    public byte[] ExportOnnx()
    {
        var graph = new OnnxGraphBuilder();
        foreach (var feature in Features)
        {
            graph.Input(feature.Name, feature.Kind == ColumnKind.Numeric ? OnnxTensor.Float : OnnxTensor.String, null, 1);
        }

        var scores = BuildScores(graph);
        var isDouble = ScoresAreDouble;
        var type = isDouble ? OnnxTensor.Double : OnnxTensor.Float;
        if (Task == ModelTask.Regression)
        {
            var flat = graph.Initializer(OnnxTensor.Int64s(graph.Name("flat_shape"), [-1], 1));
            var prediction = isDouble ? graph.Name("prediction_double") : "prediction";
            graph.Node("Reshape", [scores, flat], [prediction]);
            if (isDouble)
            {
                graph.Node("Cast", [prediction], ["prediction"], OnnxAttribute.Int("to", OnnxTensor.Float));
            }

            graph.Output("prediction", OnnxTensor.Float, [null]);
        }
        else
        {
            var k = Classes.Count;
            var probabilities = isDouble ? graph.Name("probabilities_double") : "probabilities";
            if (Task == ModelTask.Binary)
            {
                var p1 = graph.Name("p1");
                var p0 = graph.Name("p0");
                var one = graph.Initializer(isDouble
                    ? OnnxTensor.Doubles(graph.Name("one"), [1.0], 1)
                    : OnnxTensor.Floats(graph.Name("one"), [1f], 1));
                graph.Node("Sigmoid", [scores], [p1]);
                graph.Node("Sub", [one, p1], [p0]);
                graph.Node("Concat", [p0, p1], [probabilities], OnnxAttribute.Int("axis", 1));
            }
            else
            {
                graph.Node("Softmax", [scores], [probabilities], OnnxAttribute.Int("axis", 1));
            }

            if (isDouble)
            {
                graph.Node("Cast", [probabilities], ["probabilities"], OnnxAttribute.Int("to", OnnxTensor.Float));
            }

            var index = graph.Name("class_index");
            graph.Node("ArgMax", [probabilities], [index], OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 0));
            var classes = IntegerClasses
                ? graph.Initializer(OnnxTensor.Int64s(graph.Name("classes"), Classes.Select(long.Parse).ToArray(), k))
                : graph.Initializer(OnnxTensor.Strings(graph.Name("classes"), [.. Classes], k));
            graph.Node("Gather", [classes, index], ["label"], OnnxAttribute.Int("axis", 0));
            graph.Output("label", IntegerClasses ? OnnxTensor.Int64 : OnnxTensor.String, [null]);
            graph.Output("probabilities", OnnxTensor.Float, null, k);
        }

        return graph.ToModel($"modelops_{Trainer}", Metadata());
    }

    private List<KeyValuePair<string, string>> Metadata()
    {
        var task = Task switch
        {
            ModelTask.Binary => "binary",
            ModelTask.Multiclass => "multiclass",
            _ => "regression",
        };
        var features = Features.Select(f => new Dictionary<string, object>
        {
            ["name"] = f.Name,
            ["kind"] = f.Kind == ColumnKind.Numeric ? "numeric" : "categorical",
            ["categories"] = f.Categories,
        }).ToArray();
        return
        [
            new("modelops.task", task),
            new("modelops.classes", JsonSerializer.Serialize(Classes)),
            new("modelops.trainer", Trainer),
            new("modelops.label", Label),
            new("modelops.features", JsonSerializer.Serialize(features)),
        ];
    }

    internal static void Softmax(ReadOnlySpan<double> scores, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] = Math.Exp(scores[i] - max);
            sum += probabilities[i];
        }

        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] /= sum;
        }
    }
}
