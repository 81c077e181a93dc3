using System.Globalization;
using System.Text.Json;
using ModelOps.Monitoring.Capture;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Monitoring.Checks;

/// <summary>
/// Which captured columns hold a version's predictions: a classifier's label and per-class probabilities (an output
/// named like <c>label</c> beside one named like <c>prob…</c>, as our trainers and scikit-learn export), or a
/// regressor's single output. The prediction column is compared with the training label's distribution; labels sent
/// as feedback are judged against the probabilities (classification) or the value (regression).
/// </summary>
public sealed class PredictionColumns
{
    /// <summary>Model metadata key listing class names in probability-column order (JSON array), written by our trainers.</summary>
    public const string ClassesMetadataKey = "modelops.classes";

    private PredictionColumns(string? label, bool labelIsText, string? probabilityPrefix, bool probabilitiesByIndex, string? value, IReadOnlyList<string>? classes)
    {
        Label = label;
        LabelIsText = labelIsText;
        ProbabilityPrefix = probabilityPrefix;
        ProbabilitiesByIndex = probabilitiesByIndex;
        Value = value;
        Classes = classes;
    }

    /// <summary>The predicted label's column (classifiers).</summary>
    public string? Label { get; }

    public bool LabelIsText { get; }

    /// <summary>The start of the probability columns' names (<c>prediction.probabilities[</c>); null when there are none.</summary>
    public string? ProbabilityPrefix { get; }

    /// <summary>Whether probability columns are numbered (a [N,K] tensor) rather than keyed by class (a list of maps).</summary>
    public bool ProbabilitiesByIndex { get; }

    /// <summary>A regressor's predicted value column.</summary>
    public string? Value { get; }

    /// <summary>The class names in probability order, when the model names them.</summary>
    public IReadOnlyList<string>? Classes { get; }

    public bool IsClassifier => ProbabilityPrefix is not null;

    public bool IsRegressor => Value is not null;

    /// <summary>The column compared with the training label's distribution: the predicted label or value.</summary>
    public string? Prediction => Label ?? Value;

    public static PredictionColumns Of(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        ValueSpec? label = null;
        ValueSpec? probabilities = null;
        foreach (var output in version.Outputs)
        {
            if (label is null && output.Kind == ValueKind.Tensor && output.Name.Contains("label", StringComparison.OrdinalIgnoreCase))
            {
                label = output;
            }
            else if (probabilities is null && output.Name.Contains("prob", StringComparison.OrdinalIgnoreCase) &&
                     (output.Kind == ValueKind.Sequence || output.Rank == 2))
            {
                probabilities = output;
            }
        }

        var classes = ReadClasses(version);
        if (probabilities is not null)
        {
            return new PredictionColumns(
                label is null ? null : CaptureColumns.Prediction(label.Name),
                label?.ElementType == TensorElementType.String,
                CaptureColumns.Prediction(probabilities.Name) + "[",
                probabilities.Kind == ValueKind.Tensor,
                null,
                classes);
        }

        var single = version.Outputs.Count == 1 && version.Outputs[0] is { Kind: ValueKind.Tensor } only && only.ElementType != TensorElementType.String
            && (only.Rank <= 1 || (only.Rank == 2 && only.Shape[1] == 1))
            ? version.Outputs[0]
            : null;
        return new PredictionColumns(
            label is null ? null : CaptureColumns.Prediction(label.Name),
            label?.ElementType == TensorElementType.String,
            null,
            false,
            single is null ? null : CaptureColumns.Prediction(single.Name),
            classes);
    }

    /// <summary>The class a probability column stands for: its key, or for numbered columns the named class at that index.</summary>
    public string ClassOf(string column)
    {
        var key = column[ProbabilityPrefix!.Length..^1];
        return ProbabilitiesByIndex && Classes is not null && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < Classes.Count
            ? Classes[index]
            : key;
    }

    private static string[]? ReadClasses(ModelVersion version)
    {
        if (version.ModelMetadata?.Custom.TryGetValue(ClassesMetadataKey, out var json) != true)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(json!);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
