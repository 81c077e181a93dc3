using System.Globalization;
using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>
/// Data validation in the manner of TensorFlow Data Validation, streaming the file so memory stays bounded whatever
/// its size. <see cref="Profile(string, ProfileOptions)"/> (first run) infers a <see cref="DataSchema"/> and
/// <see cref="BaselineStatistics"/> in two passes and checks basic sanity; <see cref="Validate(string, DataSchema, ValidationOptions?)"/>
/// (later runs) checks new data against a schema in one pass and reports anomalies.
/// </summary>
public static class DataValidator
{
    /// <summary>Infers the schema and baseline of a CSV file and checks it: not empty, no ragged rows, UTF-8,
    /// at least <see cref="ValidationOptions.MinRows"/> rows, the label present and (for classification) with two classes or more.</summary>
    public static DataProfile Profile(string path, ProfileOptions options) => Profile(OpenFile(path), options);

    /// <summary>As <see cref="Profile(string, ProfileOptions)"/>, reading from streams that <paramref name="open"/> creates
    /// (called up to three times: separator detection and two passes).</summary>
    public static DataProfile Profile(Func<Stream> open, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        var validation = options.Validation;
        validation.EnsureValid();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DomainCap, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TopK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistogramBins, 1);
        var csv = CsvScan.WithSeparator(open, validation.Csv);
        var parser = new CellParser(csv.MissingValues);

        // Pass 1: counts, types, moments, sketches, category counts; file-level problems.
        ColumnProfiler[] profilers;
        List<Anomaly> anomalies;
        long rows;
        using (var scan = CsvScan.Open(open, csv, parser))
        {
            var trackCap = Math.Max(options.DomainCap + 1, options.TopK);
            profilers = scan.Names.Select(n => new ColumnProfiler(n, trackCap, options.SketchK)).ToArray();
            while (scan.TryNextRow())
            {
                for (var i = 0; i < profilers.Length; i++)
                {
                    profilers[i].Add(scan, i);
                }
            }

            anomalies = scan.FileAnomalies();
            rows = scan.Rows;
            if (scan.IsEmpty || rows == 0)
            {
                return new DataProfile(null, null, new AnomalyReport { RowCount = rows, Anomalies = anomalies });
            }
        }

        var names = profilers.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var required = new HashSet<string>(options.Features ?? profilers.Select(p => p.Name), StringComparer.Ordinal);
        if (options.Label is { } label)
        {
            required.Add(label);
        }

        foreach (var name in required.Where(n => !names.Contains(n)).Order(StringComparer.Ordinal))
        {
            anomalies.Add(MissingColumn(name, name == options.Label ? "label" : "feature", AnomalySeverity.Blocking, names));
        }

        anomalies.AddRange(RowCount(rows, validation.MinRows));
        anomalies.AddRange(profilers.Where(p => p.Numbers.Unloadable).Select(p => NonFinite(p.Name, p.Numbers, parser)));
        if (options.Label is { } labelName && IsClassification(options.Task) && profilers.FirstOrDefault(p => p.Name == labelName) is { } labelProfiler
            && labelProfiler.Distinct < 2)
        {
            anomalies.Add(SingleClass(labelName, labelProfiler.Distinct, labelProfiler.Values.FirstOrDefault()));
        }

        var report = new AnomalyReport { RowCount = rows, Anomalies = anomalies };
        if (report.HasBlocking)
        {
            return new DataProfile(null, null, report);
        }

        // Pass 2: histograms over the ranges found in pass 1.
        if (profilers.Any(p => p.Kind == ColumnKind.Numeric && p.Sketch.Count > 0))
        {
            foreach (var profiler in profilers)
            {
                profiler.StartHistogram(options.HistogramBins);
            }

            using var scan = CsvScan.Open(open, csv, parser);
            while (scan.TryNextRow())
            {
                for (var i = 0; i < profilers.Length; i++)
                {
                    profilers[i].AddToHistogram(scan, i);
                }
            }
        }

        var schema = new DataSchema
        {
            Label = options.Label,
            Task = options.Task,
            RowCount = rows,
            Columns = profilers.Select(p => p.Schema(rows, required.Contains(p.Name), options.DomainCap)).ToArray(),
        };
        var baseline = new BaselineStatistics
        {
            RowCount = rows,
            Columns = profilers.Select(p => p.Statistics(options.TopK, options.HistogramBins)).ToArray(),
        };
        return new DataProfile(schema, baseline, report);
    }

    /// <summary>Checks a CSV file against <paramref name="schema"/> in one streamed pass.</summary>
    public static AnomalyReport Validate(string path, DataSchema schema, ValidationOptions? options = null) =>
        Validate(OpenFile(path), schema, options);

    /// <summary>As <see cref="Validate(string, DataSchema, ValidationOptions?)"/>, reading from streams that
    /// <paramref name="open"/> creates (twice when the separator must be detected).</summary>
    public static AnomalyReport Validate(Func<Stream> open, DataSchema schema, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new ValidationOptions();
        options.EnsureValid();

        var parser = new CellParser(options.Csv.MissingValues);
        using var scan = CsvScan.Open(open, options.Csv, parser);
        var header = scan.Names.Select((n, i) => (n, i)).GroupBy(p => p.n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var checkers = new ColumnChecker?[scan.Names.Count];
        foreach (var column in schema.Columns.Where(c => header.ContainsKey(c.Name)))
        {
            checkers[header[column.Name]] = new ColumnChecker(column, header[column.Name]);
        }

        // Every column, in the schema or not, is followed as training types it: training refuses a numeric column
        // with a number that has no float32 value, so validation blocks it.
        var numbers = scan.Names.Select(_ => new NumericTracker()).ToArray();
        while (scan.TryNextRow())
        {
            for (var i = 0; i < numbers.Length; i++)
            {
                var kind = parser.Classify(scan.Record.Field(i), out var value);
                numbers[i].Add(kind, scan, i);
                checkers[i]?.Add(scan, kind, value);
            }
        }

        var anomalies = scan.FileAnomalies();
        var rows = scan.Rows;
        if (scan.IsEmpty)
        {
            return new AnomalyReport { RowCount = 0, Anomalies = anomalies };
        }

        var present = header.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var column in schema.Columns.Where(c => !present.Contains(c.Name)))
        {
            var role = column.Name == schema.Label ? "label" : column.Required ? "required" : "optional";
            anomalies.Add(MissingColumn(column.Name, role, column.Required || column.Name == schema.Label ? AnomalySeverity.Blocking : AnomalySeverity.Warning, present));
        }

        foreach (var name in scan.Names.Where(n => schema.Find(n) is null).Distinct(StringComparer.Ordinal))
        {
            anomalies.Add(new(name, AnomalyKind.ExtraColumn, AnomalySeverity.Warning,
                $"Column '{name}' is not in the schema; it is ignored.", "present", "absent"));
        }

        if (rows == 0)
        {
            return new AnomalyReport { RowCount = 0, Anomalies = anomalies };
        }

        anomalies.AddRange(RowCount(rows, options.MinRows));
        anomalies.AddRange(Enumerable.Range(0, numbers.Length).Where(i => numbers[i].Unloadable).Select(i => NonFinite(scan.Names[i], numbers[i], parser)));
        foreach (var checker in checkers.OfType<ColumnChecker>())
        {
            anomalies.AddRange(ColumnAnomalies(checker, rows, options));
        }

        if (schema.Label is { } label && IsClassification(schema.Task) && checkers.FirstOrDefault(c => c?.Schema.Name == label) is { } labelChecker
            && labelChecker.DistinctUpToTwo < 2)
        {
            anomalies.Add(SingleClass(label, labelChecker.DistinctUpToTwo, null));
        }

        return new AnomalyReport { RowCount = rows, Anomalies = anomalies };
    }

    private static IEnumerable<Anomaly> ColumnAnomalies(ColumnChecker checker, long rows, ValidationOptions options)
    {
        var column = checker.Schema;
        var name = column.Name;
        if (checker.Present > 0 && column.Type == ColumnKind.Numeric)
        {
            var textShare = (double)checker.Text / checker.Present;
            if (textShare > options.MaxNonNumericShare)
            {
                yield return new(name, AnomalyKind.TypeChange, AnomalySeverity.Blocking,
                    $"Column '{name}' is numeric in the schema but {CsvScan.Percent(textShare)} of its values are text (for example '{checker.FirstText}'); at most {CsvScan.Percent(options.MaxNonNumericShare)} is allowed.",
                    $"{CsvScan.Percent(textShare)} text", $"≤ {CsvScan.Percent(options.MaxNonNumericShare)} text");
            }

            var outShare = (double)checker.OutOfRange / checker.Present;
            if (outShare > options.MaxOutOfRangeShare)
            {
                var range = $"[{Format(column.Min)}, {Format(column.Max)}]";
                yield return new(name, AnomalyKind.OutOfRange, AnomalySeverity.Warning,
                    $"{CsvScan.Percent(outShare)} of column '{name}' lies outside the schema's range {range}; at most {CsvScan.Percent(options.MaxOutOfRangeShare)} is expected.",
                    $"{CsvScan.Percent(outShare)} outside {range}", $"≤ {CsvScan.Percent(options.MaxOutOfRangeShare)}");
            }
        }

        if (checker.Present > 0 && checker.Unseen > 0)
        {
            var unseenShare = (double)checker.Unseen / checker.Present;
            if (unseenShare > options.MaxUnseenCategoryShare)
            {
                var examples = string.Join(", ", checker.UnseenExamples.Select(e => $"'{e}'"));
                yield return new(name, AnomalyKind.UnseenCategories, options.UnseenCategorySeverity,
                    $"{CsvScan.Percent(unseenShare)} of column '{name}' are categories not in the schema's domain (for example {examples}); at most {CsvScan.Percent(options.MaxUnseenCategoryShare)} is expected.",
                    $"{CsvScan.Percent(unseenShare)} unseen", $"≤ {CsvScan.Percent(options.MaxUnseenCategoryShare)}");
            }
        }

        var missingRate = (double)checker.Missing / rows;
        if (missingRate - column.MissingRate > options.MaxMissingRateIncrease)
        {
            yield return new(name, AnomalyKind.MissingRateJump, AnomalySeverity.Warning,
                $"Column '{name}' is missing in {CsvScan.Percent(missingRate)} of rows, up from {CsvScan.Percent(column.MissingRate)} in the schema (allowed rise {CsvScan.Percent(options.MaxMissingRateIncrease)}).",
                CsvScan.Percent(missingRate), $"≤ {CsvScan.Percent(column.MissingRate + options.MaxMissingRateIncrease)}");
        }
    }

    private static IEnumerable<Anomaly> RowCount(long rows, long minRows)
    {
        if (rows < minRows)
        {
            yield return new(null, AnomalyKind.TooFewRows, AnomalySeverity.Blocking,
                $"The file has {rows} well-formed rows; at least {minRows} are needed.", $"{rows} rows", $"≥ {minRows} rows");
        }
    }

    private static Anomaly NonFinite(string column, NumericTracker numbers, CellParser parser) =>
        new(column, AnomalyKind.NonFiniteNumber, AnomalySeverity.Blocking, numbers.Message(column, parser),
            $"'{numbers.FirstNonFinite}' on line {numbers.FirstNonFiniteLine}", "finite float32 numbers or missing markers");

    private static Anomaly MissingColumn(string name, string role, AnomalySeverity severity, IReadOnlyCollection<string> present) =>
        new(name, AnomalyKind.MissingColumn, severity,
            $"The {role} column '{name}' is missing; the file's columns are {string.Join(", ", present.Select(p => $"'{p}'"))}.", "absent", "present");

    private static Anomaly SingleClass(string label, int distinct, string? only) =>
        new(label, AnomalyKind.SingleClassLabel, AnomalySeverity.Blocking,
            distinct == 0
                ? $"The label column '{label}' has no values; a classifier needs two classes or more."
                : $"The label column '{label}' has a single class{(only is null ? "" : $" ('{only}')")}; a classifier needs two classes or more.",
            $"{distinct} class(es)", "≥ 2 classes");

    private static bool IsClassification(ModelTask? task) => task is ModelTask.Binary or ModelTask.Multiclass;

    private static string Format(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";

    private static Func<Stream> OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file '{path}' does not exist.", path);
        }

        return () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}
