using System.Globalization;
using System.Text.Json;
using ModelOps.Evaluation;
using ModelOps.Runtime;
using ModelOps.Tensors;
using ModelOps.Training.Data;

namespace ModelOps.Retraining;

/// <summary>
/// Scores an ONNX model on held-out rows through the model runtime and computes the platform's own metrics from its
/// predictions. Inputs are filled by column name (numeric columns as float or double, categorical as string,
/// shape [N,1] or [N]). A classifier must output class probabilities as a float tensor [N, classes] (named
/// <c>probabilities</c>, or the only rank-2 float output) in the order of its <c>modelops.classes</c> metadata, or
/// ordinal order of the class names when it has none; a regressor outputs <c>prediction</c> (or its first float tensor).
/// </summary>
public sealed class ModelScorer
{
    private const int BatchRows = 4096;
    private readonly IModelRuntime _runtime;

    public ModelScorer(IModelRuntime runtime) => _runtime = runtime;

    /// <summary>The metrics of <paramref name="onnx"/> on <paramref name="data"/>; throws <see cref="RetrainingException"/> when it does not fit the data.</summary>
    public MetricSet Score(byte[] onnx, TabularDataset data, string label, string task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var session = LoadSession(onnx);
        var signature = session.Signature;
        var labelColumn = data[label];
        var actual = Enumerable.Range(0, data.RowCount).Select(labelColumn.TextAt).ToArray();
        if (task == TaskNames.Regression)
        {
            var predicted = new List<double>(data.RowCount);
            var output = signature.Outputs.FirstOrDefault(o => o.Name == "prediction")
                ?? signature.Outputs.FirstOrDefault(o => o.Kind == ValueKind.Tensor && o.ElementType is TensorElementType.Float32 or TensorElementType.Float64)
                ?? throw new RetrainingException($"The model has no numeric output to read predictions from; its outputs are {Names(signature.Outputs)}.");
            foreach (var batch in Batches(data.RowCount))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = Run(session, data, batch, output.Name, cancellationToken);
                predicted.AddRange(ToDoubles(result));
            }

            var rows = Enumerable.Range(0, data.RowCount).Where(r => actual[r] is not null).ToArray();
            return RegressionMetrics.Compute(
                rows.Select(r => double.Parse(actual[r]!, CultureInfo.InvariantCulture)).ToArray(),
                rows.Select(r => predicted[r]).ToArray());
        }

        var probabilitiesSpec = signature.Outputs.FirstOrDefault(o => o.Name == "probabilities") ?? OnlyMatrixOutput(signature);
        var classes = Classes(signature, actual);
        var probabilities = new List<IReadOnlyList<double>>(data.RowCount);
        foreach (var batch in Batches(data.RowCount))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tensor = Run(session, data, batch, probabilitiesSpec.Name, cancellationToken);
            var width = tensor.Shape.Length == 2 ? (int)tensor.Shape[1] : 0;
            if (width != classes.Count)
            {
                throw new RetrainingException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The model's '{probabilitiesSpec.Name}' output has {width} columns but the model names {classes.Count} classes ({string.Join(", ", classes)})."));
            }

            var values = ToDoubles(tensor);
            for (var r = 0; r < batch.Count; r++)
            {
                probabilities.Add(values.AsSpan(r * width, width).ToArray());
            }
        }

        var labelled = Enumerable.Range(0, data.RowCount).Where(r => actual[r] is not null).ToArray();
        var unknown = labelled.Select(r => actual[r]!).Where(a => !classes.Contains(a, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Take(3).ToList();
        if (unknown.Count > 0)
        {
            throw new RetrainingException($"The held-out rows hold label(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} that the model does not know (its classes are {string.Join(", ", classes.Select(c => $"'{c}'"))}).");
        }

        return ClassificationMetrics.Compute(
            labelled.Select(r => actual[r]!).ToArray(),
            classes,
            labelled.Select(r => probabilities[r]).ToArray());
    }

    private IModelSession LoadSession(byte[] onnx)
    {
        try
        {
            return _runtime.Load(onnx);
        }
        catch (ModelLoadException exception)
        {
            throw new RetrainingException($"ONNX Runtime cannot load the model: {exception.Message}", exception);
        }
    }

    private static List<string> Classes(ModelSignature signature, string?[] actual)
    {
        if (signature.Metadata.Custom.TryGetValue("modelops.classes", out var json))
        {
            var classes = JsonSerializer.Deserialize<List<string>>(json);
            if (classes is { Count: >= 2 })
            {
                return classes;
            }
        }

        return actual.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static Tensor Run(IModelSession session, TabularDataset data, IReadOnlyList<int> rows, string output, CancellationToken cancellationToken)
    {
        var inputs = new List<NamedValue>(session.Signature.Inputs.Count);
        foreach (var spec in session.Signature.Inputs)
        {
            if (!data.Contains(spec.Name))
            {
                throw new RetrainingException($"The model takes input '{spec.Name}', which the data has no column for.");
            }

            var column = data[spec.Name];
            long[] shape = spec.Rank == 1 ? [rows.Count] : [rows.Count, 1];
            Tensor tensor = spec.ElementType switch
            {
                TensorElementType.String => Tensor.Create(rows.Select(r => column.TextAt(r) ?? string.Empty).ToArray(), shape),
                TensorElementType.Float32 => Tensor.Create(rows.Select(r => Number(column, r)).ToArray(), shape),
                TensorElementType.Float64 => Tensor.Create(rows.Select(r => (double)Number(column, r)).ToArray(), shape),
                _ => throw new RetrainingException($"The model's input '{spec.Name}' is {spec.OnnxType}; only float, double and string inputs can be filled from columns."),
            };
            inputs.Add(new NamedValue(spec.Name, tensor));
        }

        try
        {
            var result = session.Run(inputs, [output], cancellationToken);
            return result[0].Value as Tensor ?? throw new RetrainingException($"The model's output '{output}' is not a tensor.");
        }
        catch (ModelRunException exception)
        {
            throw new RetrainingException($"ONNX Runtime could not run the model on the held-out rows: {exception.Message}", exception);
        }
    }

    private static float Number(DataColumn column, int row) => column.Kind == ColumnKind.Numeric
        ? column.Values[row]
        : CellParser.TryParseNumber(column.TextAt(row), out var value) ? value : float.NaN;

    private static double[] ToDoubles(Tensor tensor) => tensor.Data switch
    {
        float[] f => Array.ConvertAll(f, v => (double)v),
        double[] d => d,
        long[] l => Array.ConvertAll(l, v => (double)v),
        _ => throw new RetrainingException($"The model's output {tensor} is not numeric."),
    };

    private static IEnumerable<IReadOnlyList<int>> Batches(int rows)
    {
        for (var start = 0; start < rows; start += BatchRows)
        {
            yield return Enumerable.Range(start, Math.Min(BatchRows, rows - start)).ToArray();
        }
    }

    /// <summary>Without an output named 'probabilities', the one float [N, K] output; none or several is the model's fault.</summary>
    private static ValueSpec OnlyMatrixOutput(ModelSignature signature)
    {
        var candidates = signature.Outputs
            .Where(o => o.Kind == ValueKind.Tensor && o.Rank == 2 && o.ElementType is TensorElementType.Float32 or TensorElementType.Float64)
            .ToList();
        return candidates.Count == 1
            ? candidates[0]
            : throw new RetrainingException(candidates.Count == 0
                ? $"The model has no class-probability output (a float tensor [N, classes] named 'probabilities'); its outputs are {Names(signature.Outputs)}."
                : $"The model has several float [N, K] outputs and none named 'probabilities', so which holds the class probabilities is ambiguous; its outputs are {Names(signature.Outputs)}.");
    }

    private static string Names(IEnumerable<ValueSpec> specs) => string.Join(", ", specs.Select(s => $"'{s.Name}' {s.OnnxType}"));
}
