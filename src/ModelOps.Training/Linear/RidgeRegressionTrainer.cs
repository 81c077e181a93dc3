using System.Diagnostics;
using ModelOps.Training.Data;

namespace ModelOps.Training.Linear;

/// <summary>
/// Ridge regression (<c>linear</c>), closed form: the centred normal equations (X'X + l2 I) w = X'y solved by
/// Cholesky, intercept unpenalised; numeric features mean-imputed and standardised, categoricals one-hot.
/// Hyper-parameters: <c>l2</c> (1.0, [0, 1e9]; 0 is least squares and needs full-rank features),
/// <c>maxCategories</c> (254, [2, 100000]).
/// </summary>
public sealed class RidgeRegressionTrainer : ITrainer
{
    public string Name => "linear";

    public TrainedModel Train(TabularDataset data, TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var l2 = request.Parameters.GetDouble("l2", 1.0, 0, 1e9);
        var maxCategories = request.Parameters.GetInt("maxCategories", 254, 2, 100_000);
        request.Parameters.EnsureAllRead(Name);
        if (request.Task != TrainingTask.Regression)
        {
            throw new TrainingException("The 'linear' trainer does regression; use 'logistic' or 'gbt' for classification.", request.Label);
        }

        var prepared = FeaturePreparer.Prepare(data, request.Label, request.Features, request.Task, maxCategories);
        var design = DesignMatrix.Fit(prepared.Features, prepared.X);
        var matrix = design.Dense(prepared.X);
        var n = prepared.RowCount;
        var d = design.Width;
        var y = prepared.Target!;

        var columnMeans = new double[d];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < d; j++)
            {
                columnMeans[j] += matrix[(r * d) + j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            columnMeans[j] /= n;
        }

        var yMean = y.Average();

        // Gram matrix of the centred columns (each entry summed in row order, so the result is deterministic):
        // one pass over the rows when the work is small, else one task per Gram row.
        var gram = new double[d * d];
        var rhs = new double[d];
        if ((long)n * d * d < 20_000_000)
        {
            var centred = new double[d];
            for (var r = 0; r < n; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var j = 0; j < d; j++)
                {
                    centred[j] = matrix[(r * d) + j] - columnMeans[j];
                }

                var residual = y[r] - yMean;
                for (var i = 0; i < d; i++)
                {
                    var ci = centred[i];
                    rhs[i] += ci * residual;
                    for (var j = i; j < d; j++)
                    {
                        gram[(i * d) + j] += ci * centred[j];
                    }
                }
            }

            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    gram[(i * d) + j] = gram[(j * d) + i];
                }
            }
        }
        else
        {
            Parallel.For(0, d, i =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var j = i; j < d; j++)
                {
                    var sum = 0.0;
                    for (var r = 0; r < n; r++)
                    {
                        sum += (matrix[(r * d) + i] - columnMeans[i]) * (matrix[(r * d) + j] - columnMeans[j]);
                    }

                    gram[(i * d) + j] = sum;
                    gram[(j * d) + i] = sum;
                }

                var b = 0.0;
                for (var r = 0; r < n; r++)
                {
                    b += (matrix[(r * d) + i] - columnMeans[i]) * (y[r] - yMean);
                }

                rhs[i] = b;
            });
        }

        for (var i = 0; i < d; i++)
        {
            gram[(i * d) + i] += l2;
        }

        var w = Cholesky.Solve(gram, rhs, d)
            ?? throw new TrainingException("The features are linearly dependent and l2 is 0: give l2 a positive value.", "l2");
        var intercept = yMean;
        for (var j = 0; j < d; j++)
        {
            intercept -= w[j] * columnMeans[j];
        }

        return new LinearModel(Name, prepared, request.Label, design, w, [intercept])
        {
            Report = new TrainingReport(prepared.Warnings, 1, watch.Elapsed),
        };
    }
}
