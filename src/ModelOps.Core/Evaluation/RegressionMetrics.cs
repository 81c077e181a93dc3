namespace ModelOps.Evaluation;

/// <summary>
/// Regression metrics as scikit-learn computes them: rmse = √(mean squared error), mae = mean absolute error,
/// r2 = 1 − SS_res / SS_tot. When every actual value is the same (SS_tot = 0), r2 is 1 for a perfect prediction and
/// 0 otherwise (scikit-learn's <c>force_finite=True</c>); with fewer than two rows r2 is NaN. Pure and deterministic.
/// </summary>
public static class RegressionMetrics
{
    /// <summary>Computes rmse, mae and r2.</summary>
    /// <param name="actual">The true values (finite).</param>
    /// <param name="predicted">The predictions, row for row (finite).</param>
    public static MetricSet Compute(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count == 0)
        {
            throw new ArgumentException("There are no rows to evaluate.", nameof(actual));
        }

        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"There are {actual.Count} actual values but {predicted.Count} predictions.", nameof(predicted));
        }

        var n = actual.Count;
        double mean = 0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(actual[i]) || !double.IsFinite(predicted[i]))
            {
                throw new ArgumentException($"Row {i} has a non-finite value (actual {actual[i]}, predicted {predicted[i]}).", nameof(actual));
            }

            mean += actual[i];
        }

        mean /= n;
        double squared = 0, absolute = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            var error = actual[i] - predicted[i];
            squared += error * error;
            absolute += Math.Abs(error);
            var deviation = actual[i] - mean;
            total += deviation * deviation;
        }

        var r2 = n < 2 ? double.NaN
            : total == 0 ? (squared == 0 ? 1.0 : 0.0)
            : 1 - (squared / total);
        return new MetricSet(
        [
            new(MetricNames.Rmse, Math.Sqrt(squared / n)),
            new(MetricNames.Mae, absolute / n),
            new(MetricNames.R2, r2),
        ]);
    }
}
