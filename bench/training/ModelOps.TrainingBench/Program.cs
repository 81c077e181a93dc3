using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelOps.Training;
using ModelOps.Training.Data;

// Usage:
//   ModelOps.TrainingBench fit <train.csv> <test.csv> <label> <classification|regression> <trainer> [params-json] [features-comma-separated] [onnx-out]
//   ModelOps.TrainingBench scale <rows> <columns> [trainer]
//   ModelOps.TrainingBench load <csv> [runs] [label]
// Prints one JSON object: the metric on the test set (AUC for binary, accuracy for multiclass, RMSE for regression)
// and the training time in seconds (CSV reading excluded), plus peak working set for the scale run.
if (args.Length >= 1 && args[0] == "scale")
{
    var rows = int.Parse(args[1], CultureInfo.InvariantCulture);
    var columns = int.Parse(args[2], CultureInfo.InvariantCulture);
    var trainerName = args.Length > 3 ? args[3] : "gbt";
    var data = Synthetic(rows, columns, seed: 7);
    var watch = Stopwatch.StartNew();
    var model = TrainerCatalog.Create(trainerName).Train(
        data, new TrainingRequest("y", TrainingTask.Classification) { Parameters = new TrainingParameters(new Dictionary<string, double>()) });
    var seconds = watch.Elapsed.TotalSeconds;
    var prediction = model.Predict(data);
    var y = data["y"].Values;
    var accuracy = Enumerable.Range(0, rows).Count(r => prediction.Labels[r] == ((int)y[r]).ToString(CultureInfo.InvariantCulture)) / (double)rows;
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        rows,
        columns,
        trainer = trainerName,
        trainSeconds = seconds,
        iterations = model.Report.Iterations,
        trainAccuracy = accuracy,
        peakWorkingSetMB = process.PeakWorkingSet64 / (1024.0 * 1024.0),
    }));
    return 0;
}

if (args.Length >= 2 && args[0] == "load")
{
    // Reading speed: TabularDataset.FromCsv (training) and DataValidator.Profile (validation) on one file, after a
    // warm-up of each; prints the median and every run in seconds, wall clock and process CPU time (the reading is
    // single-threaded, so CPU time is the steadier figure on a shared machine).
    var path = args[1];
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
    var profileOptions = new ModelOps.Training.Validation.ProfileOptions { Label = args.Length > 3 ? args[3] : null };
    var loadRows = TabularDataset.FromCsv(path).RowCount;
    ModelOps.Training.Validation.DataValidator.Profile(path, profileOptions);
    var load = new List<double>();
    var profile = new List<double>();
    var loadCpu = new List<double>();
    var profileCpu = new List<double>();
    using var self = Process.GetCurrentProcess();
    for (var run = 0; run < runs; run++)
    {
        var cpu = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        TabularDataset.FromCsv(path);
        load.Add(watch.Elapsed.TotalSeconds);
        self.Refresh();
        loadCpu.Add((self.TotalProcessorTime - cpu).TotalSeconds);
        cpu = self.TotalProcessorTime;
        watch.Restart();
        ModelOps.Training.Validation.DataValidator.Profile(path, profileOptions);
        profile.Add(watch.Elapsed.TotalSeconds);
        self.Refresh();
        profileCpu.Add((self.TotalProcessorTime - cpu).TotalSeconds);
    }

    Console.WriteLine(JsonSerializer.Serialize(new
    {
        file = Path.GetFileName(path),
        rows = loadRows,
        loadMedianSeconds = Median(load),
        profileMedianSeconds = Median(profile),
        loadCpuMedianSeconds = Median(loadCpu),
        profileCpuMedianSeconds = Median(profileCpu),
        load,
        profile,
    }));
    return 0;
}

if (args.Length < 6 || args[0] != "fit")
{
    Console.Error.WriteLine("usage: fit <train.csv> <test.csv> <label> <classification|regression> <trainer> [params-json] [features] [onnx-out] | scale <rows> <columns> [trainer] | load <csv> [runs] [label]");
    return 2;
}

var train = TabularDataset.FromCsv(args[1]);
var test = TabularDataset.FromCsv(args[2]);
var label = args[3];
var task = args[4] == "regression" ? TrainingTask.Regression : TrainingTask.Classification;
var parameters = args.Length > 6 && args[6].Length > 0
    ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(args[6])!
    : [];
IReadOnlyList<string>? features = args.Length > 7 && args[7].Length > 0 ? args[7].Split(',') : null;
var request = new TrainingRequest(label, task) { Parameters = new TrainingParameters(parameters), Features = features };
// The first training in a fresh process includes JIT compilation; train once to warm up, then time three more runs
// and keep the fastest (scikit-learn's side does the same in its warm interpreter). The cold time is printed too.
var stopwatch = Stopwatch.StartNew();
var trained = TrainerCatalog.Create(args[5]).Train(train, request with { Parameters = new TrainingParameters(parameters) });
var coldSeconds = stopwatch.Elapsed.TotalSeconds;
var trainSeconds = double.MaxValue;
for (var run = 0; run < 3; run++)
{
    stopwatch.Restart();
    trained = TrainerCatalog.Create(args[5]).Train(train, request with { Parameters = new TrainingParameters(parameters) });
    trainSeconds = Math.Min(trainSeconds, stopwatch.Elapsed.TotalSeconds);
}

if (args.Length > 8)
{
    File.WriteAllBytes(args[8], trained.ExportOnnx());
}

var predicted = trained.Predict(test);
string metricName;
double metric;
if (trained.Task == ModelTask.Regression)
{
    var truth = test[label].Values;
    metricName = "rmse";
    metric = Math.Sqrt(Enumerable.Range(0, test.RowCount).Average(r => Math.Pow(predicted.Values[r] - truth[r], 2)));
}
else
{
    var truth = Enumerable.Range(0, test.RowCount).Select(r => test[label].TextAt(r)!).Select(Normalize).ToArray();
    if (trained.Task == ModelTask.Binary)
    {
        metricName = "auc";
        var positive = trained.Classes[1];
        metric = Auc(Enumerable.Range(0, test.RowCount).Select(r => predicted.Probability(r, 1)).ToArray(), truth.Select(t => t == positive).ToArray());
    }
    else
    {
        metricName = "accuracy";
        metric = Enumerable.Range(0, test.RowCount).Count(r => predicted.Labels[r] == truth[r]) / (double)test.RowCount;
    }
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    metric = metricName,
    value = metric,
    trainSeconds,
    coldSeconds,
    iterations = trained.Report.Iterations,
    warnings = trained.Report.Warnings,
}));
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

// Integer labels read as numbers ("1" -> 1 -> "1"); text labels stay as they are.
static string Normalize(string text) =>
    double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v == Math.Floor(v)
        ? ((long)v).ToString(CultureInfo.InvariantCulture)
        : text;

static double Auc(double[] scores, bool[] positive)
{
    var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
    double rankSum = 0;
    var i = 0;
    while (i < order.Length)
    {
        var j = i;
        while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
        {
            j++;
        }

        var rank = (i + j + 2) / 2.0;
        for (var k = i; k <= j; k++)
        {
            if (positive[order[k]])
            {
                rankSum += rank;
            }
        }

        i = j + 1;
    }

    double p = positive.Count(x => x);
    var n = positive.Length - p;
    return (rankSum - (p * (p + 1) / 2)) / (p * n);
}

// y depends on a few columns non-linearly; 10% of one column missing; two categorical-like integer columns.
static TabularDataset Synthetic(int rows, int columns, int seed)
{
    var random = new Random(seed);
    var data = new List<DataColumn>();
    var x = new float[columns][];
    for (var c = 0; c < columns; c++)
    {
        x[c] = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            x[c][r] = (float)((random.NextDouble() * 2) - 1);
        }

        data.Add(DataColumn.Numeric($"x{c}", x[c]));
    }

    var y = new float[rows];
    for (var r = 0; r < rows; r++)
    {
        var z = (2 * x[0][r]) - (x[1][r] * x[2][r] * 3) + Math.Sin(3 * x[3 % columns][r]) + (0.5 * random.NextDouble());
        y[r] = z > 0.2 ? 1 : 0;
    }

    for (var r = 0; r < rows; r += 10)
    {
        x[columns - 1][r] = float.NaN;
    }

    data.Add(DataColumn.Numeric("y", y));
    return new TabularDataset(data);
}
