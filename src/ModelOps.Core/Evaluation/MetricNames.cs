namespace ModelOps.Evaluation;

/// <summary>
/// The metric names of the training configuration (<c>"metric": "auc"</c>) and of every <see cref="MetricSet"/>,
/// and which direction is better for each.
/// </summary>
public static class MetricNames
{
    /// <summary>ROC-AUC; binary, or one-vs-rest macro average for multiclass. Higher is better.</summary>
    public const string Auc = "auc";

    /// <summary>Share of rows whose most probable class is the true class. Higher is better.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Binary: F1 of the positive class; multiclass: macro average. Higher is better.</summary>
    public const string F1 = "f1";

    /// <summary>Binary: precision of the positive class; multiclass: macro average. Higher is better.</summary>
    public const string Precision = "precision";

    /// <summary>Binary: recall of the positive class; multiclass: macro average. Higher is better.</summary>
    public const string Recall = "recall";

    /// <summary>Average precision (area under the precision-recall curve, step-wise as scikit-learn). Higher is better.</summary>
    public const string PrAuc = "prAuc";

    /// <summary>Cross-entropy of the predicted probabilities. Lower is better.</summary>
    public const string LogLoss = "logLoss";

    /// <summary>Root mean squared error. Lower is better.</summary>
    public const string Rmse = "rmse";

    /// <summary>Mean absolute error. Lower is better.</summary>
    public const string Mae = "mae";

    /// <summary>Coefficient of determination. Higher is better.</summary>
    public const string R2 = "r2";

    /// <summary>Every known metric name, classification first.</summary>
    public static IReadOnlyList<string> All { get; } = [Auc, Accuracy, F1, Precision, Recall, PrAuc, LogLoss, Rmse, Mae, R2];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/> (case-sensitive, as in the configuration).</summary>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>True for metrics where a larger value is better (auc, accuracy, f1, precision, recall, prAuc, r2);
    /// false for logLoss, rmse and mae. Throws for an unknown name.</summary>
    public static bool IsHigherBetter(string name) => name switch
    {
        Auc or Accuracy or F1 or Precision or Recall or PrAuc or R2 => true,
        LogLoss or Rmse or Mae => false,
        _ => throw new ArgumentException(
            $"Unknown metric '{name}'; the metrics are {string.Join(", ", All.Select(n => $"'{n}'"))}.", nameof(name)),
    };
}
