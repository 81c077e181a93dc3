using System.Diagnostics;
using ModelOps.Training.Data;

namespace ModelOps.Training.Trees;

/// <summary>
/// Histogram gradient-boosted trees (<c>gbt</c>), after scikit-learn's HistGradientBoosting: binary log-loss,
/// multiclass softmax (one tree per class per iteration) or squared error; leaf-wise trees on at most 255 quantile
/// bins per feature; missing values with a learned default direction; categorical features split natively one
/// category against the rest; early stopping on a seeded (stratified for classification) validation split.
/// <para>Hyper-parameters (default, range): <c>learningRate</c> (0.1, (0, 1]), <c>maxIterations</c> (100, [1, 10000]),
/// <c>maxLeafNodes</c> (31, [2, 65536]), <c>maxDepth</c> (0 = unlimited, [0, 64]), <c>minSamplesLeaf</c> (20, [1, 10^9]),
/// <c>l2</c> (0, [0, 10^6]), <c>maxBins</c> (255, [2, 255]), <c>earlyStopping</c> ("auto" = on above 10,000 rows, or true/false),
/// <c>validationFraction</c> (0.1, (0, 0.5]), <c>nIterNoChange</c> (10, [1, 1000]), <c>tolerance</c> (1e-7, [0, 1]),
/// <c>seed</c> (0, [0, 2^31-1]), <c>maxCategories</c> (254, [2, 254]).</para>
/// </summary>
public sealed class GradientBoostingTrainer : ITrainer
{
    public string Name => "gbt";

    public TrainedModel Train(TabularDataset data, TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var p = request.Parameters;
        var learningRate = p.GetDouble("learningRate", 0.1, 0, 1, minExclusive: true);
        var maxIterations = p.GetInt("maxIterations", 100, 1, 10_000);
        var maxLeafNodes = p.GetInt("maxLeafNodes", 31, 2, 65_536);
        var maxDepth = p.GetInt("maxDepth", 0, 0, 64);
        var minSamplesLeaf = p.GetInt("minSamplesLeaf", 20, 1, 1_000_000_000);
        var l2 = p.GetDouble("l2", 0, 0, 1e6);
        var maxBins = p.GetInt("maxBins", 255, 2, 255);
        var earlyStoppingSetting = p.GetSwitch("earlyStopping", null);
        var validationFraction = p.GetDouble("validationFraction", 0.1, 0, 0.5, minExclusive: true);
        var nIterNoChange = p.GetInt("nIterNoChange", 10, 1, 1000);
        var tolerance = p.GetDouble("tolerance", 1e-7, 0, 1);
        var seed = p.GetInt("seed", 0, 0, int.MaxValue);
        var maxCategories = p.GetInt("maxCategories", 254, 2, 254);
        p.EnsureAllRead(Name);

        var prepared = FeaturePreparer.Prepare(data, request.Label, request.Features, request.Task, maxCategories);
        var n = prepared.RowCount;
        var task = prepared.Task;
        var width = task == ModelTask.Multiclass ? prepared.Classes.Length : 1;
        var earlyStopping = earlyStoppingSetting ?? n > 10_000;

        var (trainRows, validationRows) = earlyStopping
            ? SplitValidation(prepared, validationFraction, seed)
            : (Enumerable.Range(0, n).ToArray(), Array.Empty<int>());
        if (trainRows.Length < 2 * minSamplesLeaf)
        {
            throw new TrainingException(
                $"minSamplesLeaf is {minSamplesLeaf} but only {trainRows.Length} rows are left for training; no tree could split.", "minSamplesLeaf");
        }

        var mapper = BinMapper.Fit(prepared.Features, prepared.X, trainRows, maxBins, seed);
        var bins = mapper.Transform(prepared.X);
        var baseline = Baseline(prepared, trainRows, width);
        var scores = new double[n * width];
        for (var r = 0; r < n; r++)
        {
            baseline.CopyTo(scores, r * width);
        }

        var gradients = new double[width][];
        var hessians = new double[width][];
        for (var k = 0; k < width; k++)
        {
            gradients[k] = new double[n];
            hessians[k] = new double[n];
        }

        var grower = new TreeGrower(bins, mapper, trainRows,
            new TreeGrowerOptions(maxLeafNodes, maxDepth, minSamplesLeaf, l2, learningRate));
        var trees = new List<RegressionTree>();
        var validationLoss = new List<double>();
        if (earlyStopping)
        {
            validationLoss.Add(Loss(prepared, scores, validationRows, width));
        }

        var iterations = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ComputeGradients(prepared, scores, trainRows, width, gradients, hessians);
            for (var k = 0; k < width; k++)
            {
                var tree = grower.Grow(gradients[k], hessians[k], k, scores, width, cancellationToken);
                trees.Add(tree);
                if (validationRows.Length > 0)
                {
                    Parallel.For(0, (validationRows.Length + 1023) / 1024, chunk =>
                    {
                        var end = Math.Min(validationRows.Length, (chunk + 1) * 1024);
                        for (var i = chunk * 1024; i < end; i++)
                        {
                            var row = validationRows[i];
                            scores[(row * width) + k] += tree.PredictBinned(bins, row);
                        }
                    });
                }
            }

            iterations++;
            if (earlyStopping)
            {
                validationLoss.Add(Loss(prepared, scores, validationRows, width));
                if (ShouldStop(validationLoss, nIterNoChange, tolerance))
                {
                    break;
                }
            }
        }

        return new GradientBoostedModel(prepared, request.Label, baseline, trees)
        {
            Report = new TrainingReport(prepared.Warnings, iterations, watch.Elapsed) { ValidationLoss = validationLoss },
        };
    }

    /// <summary>scikit-learn's rule: stop when none of the last n losses beat the loss n+1 iterations back by tolerance.</summary>
    private static bool ShouldStop(List<double> losses, int n, double tolerance)
    {
        if (losses.Count <= n)
        {
            return false;
        }

        var reference = losses[^(n + 1)] - tolerance;
        for (var i = losses.Count - n; i < losses.Count; i++)
        {
            if (losses[i] < reference)
            {
                return false;
            }
        }

        return true;
    }

    private static (int[] Train, int[] Validation) SplitValidation(PreparedData data, double fraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var groups = data.ClassIndex is { } classes
            ? Enumerable.Range(0, data.RowCount).GroupBy(r => classes[r]).OrderBy(g => g.Key).Select(g => g.ToArray())
            : [Enumerable.Range(0, data.RowCount).ToArray()];
        foreach (var group in groups)
        {
            random.Shuffle(group);
            var take = (int)Math.Ceiling(group.Length * fraction);
            if (take >= group.Length)
            {
                take = group.Length - 1;
            }

            validation.AddRange(group[..take]);
            train.AddRange(group[take..]);
        }

        train.Sort();
        validation.Sort();
        if (validation.Count == 0)
        {
            throw new TrainingException("The validation split for early stopping is empty; give more rows or turn earlyStopping off.", "validationFraction");
        }

        return ([.. train], [.. validation]);
    }

    private static double[] Baseline(PreparedData data, int[] rows, int width)
    {
        if (data.Task == ModelTask.Regression)
        {
            var sum = 0.0;
            foreach (var r in rows)
            {
                sum += data.Target![r];
            }

            return [sum / rows.Length];
        }

        var counts = new double[data.Classes.Length];
        foreach (var r in rows)
        {
            counts[data.ClassIndex![r]]++;
        }

        const double eps = 1e-12;
        if (data.Task == ModelTask.Binary)
        {
            var p = Math.Clamp(counts[1] / rows.Length, eps, 1 - eps);
            return [Math.Log(p / (1 - p))];
        }

        return counts.Select(c => Math.Log(Math.Max(c / rows.Length, eps))).ToArray();
    }

    private static void ComputeGradients(PreparedData data, double[] scores, int[] rows, int width, double[][] gradients, double[][] hessians)
    {
        Parallel.For(0, (rows.Length + 4095) / 4096, chunk =>
        {
            var end = Math.Min(rows.Length, (chunk + 1) * 4096);
            Span<double> probabilities = stackalloc double[width];
            for (var i = chunk * 4096; i < end; i++)
            {
                var r = rows[i];
                switch (data.Task)
                {
                    case ModelTask.Regression:
                        gradients[0][r] = scores[r] - data.Target![r];
                        hessians[0][r] = 1;
                        break;
                    case ModelTask.Binary:
                        var p = 1.0 / (1.0 + Math.Exp(-scores[r]));
                        gradients[0][r] = p - data.ClassIndex![r];
                        hessians[0][r] = p * (1 - p);
                        break;
                    default:
                        TrainedModel.Softmax(scores.AsSpan(r * width, width), probabilities);
                        var y = data.ClassIndex![r];
                        for (var k = 0; k < width; k++)
                        {
                            gradients[k][r] = probabilities[k] - (k == y ? 1 : 0);
                            hessians[k][r] = probabilities[k] * (1 - probabilities[k]);
                        }

                        break;
                }
            }
        });
    }

    /// <summary>Mean loss over <paramref name="rows"/>: log-loss, cross-entropy or half squared error.</summary>
    private static double Loss(PreparedData data, double[] scores, int[] rows, int width)
    {
        var total = 0.0;
        Span<double> probabilities = stackalloc double[width];
        foreach (var r in rows)
        {
            switch (data.Task)
            {
                case ModelTask.Regression:
                    var e = scores[r] - data.Target![r];
                    total += 0.5 * e * e;
                    break;
                case ModelTask.Binary:
                    var z = scores[r];
                    total += (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z))) - (data.ClassIndex![r] * z);
                    break;
                default:
                    TrainedModel.Softmax(scores.AsSpan(r * width, width), probabilities);
                    total -= Math.Log(Math.Max(probabilities[data.ClassIndex![r]], 1e-300));
                    break;
            }
        }

        return total / rows.Length;
    }
}
