namespace ModelOps.Evaluation;

/// <summary>
/// Classification metrics from true labels and per-class probabilities, computed the way scikit-learn computes them
/// (tests compare with scikit-learn 1.2 to 1e-9). Pure and deterministic.
/// <list type="bullet">
/// <item>Classes are ordered ordinally (by UTF-16 code unit, as <c>numpy.unique</c> orders strings). The predicted
/// class of a row is the most probable one; a tie goes to the class that comes first in that order (<c>argmax</c>).</item>
/// <item><b>Binary</b> (two classes): the <b>positive class is the second class in ordinal order</b> ("1" of "0"/"1",
/// "yes" of "no"/"yes", ">50K" of "&lt;=50K"/">50K"); precision, recall and F1 are those of the positive class,
/// ROC-AUC and PR-AUC rank rows by the positive class's probability.</item>
/// <item><b>Multiclass</b>: precision, recall and F1 are macro averages over the classes that occur among the labels or
/// the predictions (scikit-learn's <c>average='macro'</c>); ROC-AUC is the one-vs-rest macro average
/// (<c>roc_auc_score(multi_class='ovr', average='macro')</c>); PR-AUC is the macro average of one-vs-rest average precision.</item>
/// <item>A precision or recall whose denominator is zero is 0 (scikit-learn's <c>zero_division</c> default).</item>
/// <item>ROC-AUC is <see cref="double.NaN"/> when some class never occurs among the labels (scikit-learn raises);
/// PR-AUC is NaN when the positive class (binary) or any class (multiclass) never occurs (scikit-learn warns and
/// returns a degenerate value). Accuracy, precision, recall, F1 and log loss stay defined, so a single-class
/// hold-out still yields numbers, and a promotion on auc rejects it with a reason.</item>
/// <item>Log loss clips probabilities to [ε, 1−ε] with ε = 2.220446049250313e-16 (float64 machine epsilon,
/// scikit-learn's <c>eps='auto'</c>), renormalises each row to sum 1, and averages −ln p(true class).</item>
/// </list>
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>Float64 machine epsilon: the clipping bound of log loss.</summary>
    public const double LogLossEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Computes accuracy, precision, recall, f1, auc, prAuc and logLoss.
    /// </summary>
    /// <param name="labels">The true class of each row; every label must be one of <paramref name="classes"/>.</param>
    /// <param name="classes">The class names, in the order of the probability columns (any order; at least two, distinct).</param>
    /// <param name="probabilities">Per row, the probability of each class of <paramref name="classes"/> (finite numbers).</param>
    public static MetricSet Compute(
        IReadOnlyList<string> labels,
        IReadOnlyList<string> classes,
        IReadOnlyList<IReadOnlyList<double>> probabilities)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (classes.Count < 2)
        {
            throw new ArgumentException($"A classifier needs at least two classes, not {classes.Count}.", nameof(classes));
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("There are no rows to evaluate.", nameof(labels));
        }

        if (probabilities.Count != labels.Count)
        {
            throw new ArgumentException($"There are {labels.Count} labels but {probabilities.Count} rows of probabilities.", nameof(probabilities));
        }

        // Column order sorted ordinally: sorted[k] is the original column of the k-th class in ordinal order.
        var sorted = Enumerable.Range(0, classes.Count).OrderBy(i => classes[i], StringComparer.Ordinal).ToArray();
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < sorted.Length; k++)
        {
            if (!position.TryAdd(classes[sorted[k]], k))
            {
                throw new ArgumentException($"Class '{classes[sorted[k]]}' appears twice.", nameof(classes));
            }
        }

        var n = labels.Count;
        var classCount = classes.Count;
        var truth = new int[n];
        var predicted = new int[n];
        var scores = new double[classCount][];
        for (var k = 0; k < classCount; k++)
        {
            scores[k] = new double[n];
        }

        for (var i = 0; i < n; i++)
        {
            if (!position.TryGetValue(labels[i], out truth[i]))
            {
                throw new ArgumentException($"Row {i} has the label '{labels[i]}', which is not one of the classes.", nameof(labels));
            }

            var row = probabilities[i];
            if (row.Count != classCount)
            {
                throw new ArgumentException($"Row {i} has {row.Count} probabilities for {classCount} classes.", nameof(probabilities));
            }

            var best = 0;
            for (var k = 0; k < classCount; k++)
            {
                var p = row[sorted[k]];
                if (!double.IsFinite(p))
                {
                    throw new ArgumentException($"Row {i} has the non-finite probability {p} for class '{classes[sorted[k]]}'.", nameof(probabilities));
                }

                scores[k][i] = p;
                if (p > scores[best][i])
                {
                    best = k;
                }
            }

            predicted[i] = best;
        }

        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            correct += truth[i] == predicted[i] ? 1 : 0;
        }

        var accuracy = (double)correct / n;
        double precision, recall, f1, auc, prAuc;
        if (classCount == 2)
        {
            var (tp, fp, fn) = Counts(truth, predicted, 1);
            precision = Ratio(tp, tp + fp);
            recall = Ratio(tp, tp + fn);
            f1 = Ratio(2 * tp, (2 * tp) + fp + fn);
            var positive = Indicator(truth, 1);
            auc = RocAuc(positive, scores[1]);
            prAuc = AveragePrecision(positive, scores[1]);
        }
        else
        {
            double precisionSum = 0, recallSum = 0, f1Sum = 0, aucSum = 0, apSum = 0;
            var present = 0;
            for (var k = 0; k < classCount; k++)
            {
                var (tp, fp, fn) = Counts(truth, predicted, k);
                var positive = Indicator(truth, k);
                aucSum += RocAuc(positive, scores[k]);
                apSum += AveragePrecision(positive, scores[k]);
                if (tp + fp + fn == 0)
                {
                    continue; // neither a label nor a prediction: scikit-learn leaves it out of the macro average
                }

                present++;
                precisionSum += Ratio(tp, tp + fp);
                recallSum += Ratio(tp, tp + fn);
                f1Sum += Ratio(2 * tp, (2 * tp) + fp + fn);
            }

            precision = precisionSum / present;
            recall = recallSum / present;
            f1 = f1Sum / present;
            auc = aucSum / classCount;
            prAuc = apSum / classCount;
        }

        return new MetricSet(
        [
            new(MetricNames.Accuracy, accuracy),
            new(MetricNames.Precision, precision),
            new(MetricNames.Recall, recall),
            new(MetricNames.F1, f1),
            new(MetricNames.Auc, auc),
            new(MetricNames.PrAuc, prAuc),
            new(MetricNames.LogLoss, LogLoss(truth, scores)),
        ]);
    }

    /// <summary>
    /// As <see cref="Compute(IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{IReadOnlyList{double}})"/> with the
    /// probabilities flat and row-major ([rows, classes], the layout of a trainer's prediction and of an ONNX output).
    /// </summary>
    public static MetricSet ComputeRowMajor(IReadOnlyList<string> labels, IReadOnlyList<string> classes, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (classes.Count == 0 || probabilities.Count != (long)labels.Count * classes.Count)
        {
            throw new ArgumentException(
                $"{labels.Count} rows of {classes.Count} classes need {(long)labels.Count * classes.Count} probabilities, not {probabilities.Count}.",
                nameof(probabilities));
        }

        var rows = new double[labels.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[classes.Count];
            for (var k = 0; k < classes.Count; k++)
            {
                rows[i][k] = probabilities[(i * classes.Count) + k];
            }
        }

        return Compute(labels, classes, rows);
    }

    /// <summary>
    /// Binary ROC-AUC with ties counted half (the Mann-Whitney statistic, equal to the trapezoidal area under the ROC
    /// curve that scikit-learn integrates). NaN when <paramref name="positive"/> is all true or all false.
    /// </summary>
    public static double RocAuc(IReadOnlyList<bool> positive, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(scores);
        if (positive.Count != scores.Count)
        {
            throw new ArgumentException($"There are {positive.Count} labels but {scores.Count} scores.", nameof(scores));
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1;
            for (var j = start; j <= end; j++)
            {
                if (positive[order[j]])
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            start = end + 1;
        }

        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision as scikit-learn's <c>average_precision_score</c>: Σ (Rₙ − Rₙ₋₁) Pₙ over the distinct score
    /// thresholds in decreasing order (no interpolation). NaN when there is no positive row.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<bool> positive, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(scores);
        if (positive.Count != scores.Count)
        {
            throw new ArgumentException($"There are {positive.Count} labels but {scores.Count} scores.", nameof(scores));
        }

        var totalPositives = positive.Count(p => p);
        if (totalPositives == 0)
        {
            return double.NaN;
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double truePositives = 0, seen = 0, previousRecall = 0, sum = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            for (var j = start; j <= end; j++)
            {
                truePositives += positive[order[j]] ? 1 : 0;
                seen++;
            }

            var recall = truePositives / totalPositives;
            sum += (recall - previousRecall) * (truePositives / seen);
            previousRecall = recall;
            start = end + 1;
        }

        return sum;
    }

    private static double LogLoss(int[] truth, double[][] scores)
    {
        double total = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            double rowSum = 0;
            for (var k = 0; k < scores.Length; k++)
            {
                rowSum += Clip(scores[k][i]);
            }

            total -= Math.Log(Clip(scores[truth[i]][i]) / rowSum);
        }

        return total / truth.Length;

        static double Clip(double p) => Math.Clamp(p, LogLossEpsilon, 1 - LogLossEpsilon);
    }

    private static (long TruePositives, long FalsePositives, long FalseNegatives) Counts(int[] truth, int[] predicted, int positive)
    {
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var isTrue = truth[i] == positive;
            var isPredicted = predicted[i] == positive;
            tp += isTrue && isPredicted ? 1 : 0;
            fp += !isTrue && isPredicted ? 1 : 0;
            fn += isTrue && !isPredicted ? 1 : 0;
        }

        return (tp, fp, fn);
    }

    private static bool[] Indicator(int[] truth, int positive)
    {
        var result = new bool[truth.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            result[i] = truth[i] == positive;
        }

        return result;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
