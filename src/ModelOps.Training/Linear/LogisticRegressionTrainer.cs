using System.Diagnostics;
using ModelOps.Training.Data;

namespace ModelOps.Training.Linear;

/// <summary>
/// Logistic regression (<c>logistic</c>): binary (sigmoid) or multinomial (softmax over every class), L2 penalty on
/// the weights (not the intercepts), numeric features mean-imputed and standardised, categoricals one-hot; fitted
/// with L-BFGS. Objective, as scikit-learn's with C = 1 / l2: sum of log-losses + l2 / 2 * |w|^2.
/// Hyper-parameters: <c>l2</c> (1.0, [0, 1e6]), <c>maxIterations</c> (100, [1, 100000]),
/// <c>tolerance</c> (1e-4, (0, 1]: largest mean-gradient component at convergence; as scikit-learn, L-BFGS also
/// stops when the objective's relative decrease falls under 2.2e-9), <c>maxCategories</c> (254, [2, 100000]).
/// </summary>
public sealed class LogisticRegressionTrainer : ITrainer
{
    public string Name => "logistic";

    public TrainedModel Train(TabularDataset data, TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var parameters = request.Parameters;
        var l2 = parameters.GetDouble("l2", 1.0, 0, 1e6);
        var maxIterations = parameters.GetInt("maxIterations", 100, 1, 100_000);
        var tolerance = parameters.GetDouble("tolerance", 1e-4, 0, 1, minExclusive: true);
        var maxCategories = parameters.GetInt("maxCategories", 254, 2, 100_000);
        parameters.EnsureAllRead(Name);
        if (request.Task != TrainingTask.Classification)
        {
            throw new TrainingException("The 'logistic' trainer does classification; use 'linear' or 'gbt' for regression.", request.Label);
        }

        var prepared = FeaturePreparer.Prepare(data, request.Label, request.Features, request.Task, maxCategories);
        var design = DesignMatrix.Fit(prepared.Features, prepared.X);
        var numeric = design.NumericBlock(prepared.X);
        var active = design.ActiveColumns(prepared.X);
        var numericCount = design.NumericFeatures.Length;
        var activeCount = design.CategoricalFeatures.Length;
        var n = prepared.RowCount;
        var d = design.Width;
        var k = prepared.Task == ModelTask.Binary ? 1 : prepared.Classes.Length;
        var y = prepared.ClassIndex!;
        var parameterCount = (d * k) + k;
        var chunkCount = Math.Clamp(n / 4096, 1, 16);
        var chunkGradients = new double[chunkCount][];
        var chunkLosses = new double[chunkCount];

        double Evaluate(double[] theta, double[] gradient)
        {
            Parallel.For(0, chunkCount, c =>
            {
                var g = chunkGradients[c] ??= new double[parameterCount];
                Array.Clear(g);
                var scores = new double[k];
                var loss = 0.0;
                var start = (int)((long)n * c / chunkCount);
                var end = (int)((long)n * (c + 1) / chunkCount);
                for (var r = start; r < end; r++)
                {
                    var row = numeric.AsSpan(r * numericCount, numericCount);
                    var hot = active.AsSpan(r * activeCount, activeCount);
                    for (var j = 0; j < k; j++)
                    {
                        scores[j] = theta[(d * k) + j];
                    }

                    for (var i = 0; i < numericCount; i++)
                    {
                        var v = row[i];
                        for (var j = 0; j < k; j++)
                        {
                            scores[j] += v * theta[(i * k) + j];
                        }
                    }

                    foreach (var column in hot)
                    {
                        if (column >= 0)
                        {
                            for (var j = 0; j < k; j++)
                            {
                                scores[j] += theta[(column * k) + j];
                            }
                        }
                    }

                    if (k == 1)
                    {
                        var z = scores[0];
                        var target = y[r] == 1 ? 1.0 : 0.0;
                        // log(1 + exp(z)) - target * z, computed stably.
                        loss += (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z))) - (target * z);
                        scores[0] = (1.0 / (1.0 + Math.Exp(-z))) - target;
                    }
                    else
                    {
                        var max = double.NegativeInfinity;
                        for (var j = 0; j < k; j++)
                        {
                            max = Math.Max(max, scores[j]);
                        }

                        var sum = 0.0;
                        for (var j = 0; j < k; j++)
                        {
                            sum += Math.Exp(scores[j] - max);
                        }

                        var logSum = max + Math.Log(sum);
                        loss += logSum - scores[y[r]];
                        for (var j = 0; j < k; j++)
                        {
                            scores[j] = Math.Exp(scores[j] - logSum) - (j == y[r] ? 1.0 : 0.0);
                        }
                    }

                    for (var i = 0; i < numericCount; i++)
                    {
                        var v = row[i];
                        for (var j = 0; j < k; j++)
                        {
                            g[(i * k) + j] += v * scores[j];
                        }
                    }

                    foreach (var column in hot)
                    {
                        if (column >= 0)
                        {
                            for (var j = 0; j < k; j++)
                            {
                                g[(column * k) + j] += scores[j];
                            }
                        }
                    }

                    for (var j = 0; j < k; j++)
                    {
                        g[(d * k) + j] += scores[j];
                    }
                }

                chunkLosses[c] = loss;
            });

            Array.Clear(gradient);
            var total = 0.0;
            for (var c = 0; c < chunkCount; c++)
            {
                total += chunkLosses[c];
                var g = chunkGradients[c];
                for (var i = 0; i < parameterCount; i++)
                {
                    gradient[i] += g[i];
                }
            }

            for (var i = 0; i < d * k; i++)
            {
                total += 0.5 * l2 * theta[i] * theta[i];
                gradient[i] += l2 * theta[i];
            }

            return total;
        }

        var theta = new double[parameterCount];
        var iterations = Lbfgs.Minimize(Evaluate, theta, maxIterations, tolerance * n, cancellationToken);
        var weights = theta.AsSpan(0, d * k).ToArray();
        var bias = theta.AsSpan(d * k, k).ToArray();
        return new LinearModel(Name, prepared, request.Label, design, weights, bias)
        {
            Report = new TrainingReport(prepared.Warnings, iterations, watch.Elapsed),
        };
    }
}
