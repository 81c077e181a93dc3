using System.Globalization;

namespace ModelOps.Training.Data;

/// <summary>Checks a dataset against the bad-input rules and turns it into <see cref="PreparedData"/>.</summary>
internal static class FeaturePreparer
{
    public static PreparedData Prepare(
        TabularDataset data,
        string label,
        IReadOnlyList<string>? featureNames,
        TrainingTask task,
        int maxCategories)
    {
        ArgumentNullException.ThrowIfNull(data);
        var labelColumn = data[label];
        var names = featureNames ?? data.Columns.Select(c => c.Name).Where(n => n != label).ToArray();
        if (names.Contains(label, StringComparer.Ordinal))
        {
            throw new TrainingException($"The label column '{label}' cannot also be a feature.", label);
        }

        if (names.Count == 0)
        {
            throw new TrainingException("There are no feature columns besides the label.", label);
        }

        var warnings = new List<string>();
        var rows = data.RowCount;

        // The label.
        int[]? classIndex = null;
        double[]? target = null;
        string[] classes = [];
        var integerClasses = false;
        ModelTask modelTask;
        if (task == TrainingTask.Regression)
        {
            if (labelColumn.Kind != ColumnKind.Numeric)
            {
                throw new TrainingException(
                    $"Regression needs a numeric label, but column '{label}' holds text (e.g. '{labelColumn.Categories.FirstOrDefault()}').", label);
            }

            target = new double[rows];
            var values = labelColumn.Values;
            for (var r = 0; r < rows; r++)
            {
                if (!float.IsFinite(values[r]))
                {
                    throw new TrainingException($"The label column '{label}' is missing or not finite in data row {r + 1}.", label, r + 1);
                }

                target[r] = values[r];
            }

            modelTask = ModelTask.Regression;
        }
        else
        {
            (classIndex, classes, integerClasses) = EncodeClasses(labelColumn, label);
            if (classes.Length < 2)
            {
                throw new TrainingException(
                    $"The label column '{label}' has only one class ('{classes.FirstOrDefault()}'); classification needs at least two.", label);
            }

            modelTask = classes.Length == 2 ? ModelTask.Binary : ModelTask.Multiclass;
        }

        // The features.
        var features = new List<FeatureInfo>();
        var numeric = new List<float[]?>();
        var codes = new List<int[]?>();
        foreach (var name in names)
        {
            var column = data[name];
            if (column.Kind == ColumnKind.Numeric)
            {
                var values = column.Values;
                var first = float.NaN;
                var constant = true;
                for (var r = 0; r < values.Length; r++)
                {
                    var v = values[r];
                    if (float.IsNaN(v))
                    {
                        continue;
                    }

                    if (float.IsInfinity(v))
                    {
                        throw new TrainingException($"Feature column '{name}' holds {v} in data row {r + 1}; numbers must be finite (NaN marks a missing value).", name, r + 1);
                    }

                    if (float.IsNaN(first))
                    {
                        first = v;
                    }
                    else if (v != first)
                    {
                        constant = false;
                    }
                }

                if (float.IsNaN(first))
                {
                    throw new TrainingException($"Feature column '{name}' is missing in every row.", name);
                }

                if (constant)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Dropped feature column '{name}': every present value is {first}."));
                    continue;
                }

                features.Add(new FeatureInfo(name, ColumnKind.Numeric, []));
                numeric.Add(values);
                codes.Add(null);
            }
            else
            {
                var source = column.Codes;
                var counts = new int[column.Categories.Count];
                foreach (var c in source)
                {
                    if (c >= 0)
                    {
                        counts[c]++;
                    }
                }

                var used = Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0).ToArray();
                if (used.Length == 0)
                {
                    throw new TrainingException($"Feature column '{name}' is missing in every row.", name);
                }

                if (used.Length == 1)
                {
                    warnings.Add($"Dropped feature column '{name}': every present value is '{column.Categories[used[0]]}'.");
                    continue;
                }

                if (used.Length > maxCategories || (rows >= 10 && used.Length > rows / 2))
                {
                    throw new TrainingException(
                        $"Categorical feature column '{name}' has {used.Length} distinct values in {rows} rows (at most {Math.Min(maxCategories, Math.Max(rows / 2, 2))} allowed); " +
                        "it looks like an identifier or free text: leave it out of the features.", name);
                }

                var remap = new int[counts.Length];
                Array.Fill(remap, -1);
                for (var i = 0; i < used.Length; i++)
                {
                    remap[used[i]] = i;
                }

                var encoded = new int[rows];
                for (var r = 0; r < rows; r++)
                {
                    encoded[r] = source[r] < 0 ? -1 : remap[source[r]];
                }

                features.Add(new FeatureInfo(name, ColumnKind.Categorical, used.Select(i => column.Categories[i]).ToArray()));
                numeric.Add(null);
                codes.Add(encoded);
            }
        }

        if (features.Count == 0)
        {
            throw new TrainingException("Every feature column was dropped as constant; nothing is left to learn from.");
        }

        return new PreparedData
        {
            Features = [.. features],
            X = new EncodedFeatures(rows, [.. numeric], [.. codes]),
            ClassIndex = classIndex,
            Target = target,
            Classes = classes,
            IntegerClasses = integerClasses,
            Task = modelTask,
            Warnings = warnings,
        };
    }

    private static (int[] Index, string[] Classes, bool Integer) EncodeClasses(DataColumn column, string label)
    {
        var rows = column.Length;
        var index = new int[rows];
        if (column.Kind == ColumnKind.Numeric)
        {
            var values = column.Values;
            var distinct = new SortedSet<float>();
            for (var r = 0; r < rows; r++)
            {
                var v = values[r];
                if (float.IsNaN(v))
                {
                    throw new TrainingException($"The label column '{label}' is missing in data row {r + 1}.", label, r + 1);
                }

                if (v != MathF.Round(v) || Math.Abs(v) > 1e15)
                {
                    throw new TrainingException(
                        $"The label column '{label}' holds the non-integer number {v.ToString(CultureInfo.InvariantCulture)} in data row {r + 1}; " +
                        "classification needs text or integer classes (use regression for numbers).", label, r + 1);
                }

                distinct.Add(v);
            }

            var ordered = distinct.ToArray();
            for (var r = 0; r < rows; r++)
            {
                index[r] = Array.BinarySearch(ordered, values[r]);
            }

            return (index, ordered.Select(v => ((long)v).ToString(CultureInfo.InvariantCulture)).ToArray(), true);
        }

        var codes = column.Codes;
        var present = new bool[column.Categories.Count];
        for (var r = 0; r < rows; r++)
        {
            if (codes[r] < 0)
            {
                throw new TrainingException($"The label column '{label}' is missing in data row {r + 1}.", label, r + 1);
            }

            present[codes[r]] = true;
        }

        var used = Enumerable.Range(0, present.Length).Where(i => present[i]).Select(i => column.Categories[i]).ToArray();
        var integer = used.All(c => long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            && n.ToString(CultureInfo.InvariantCulture) == c);
        var classes = integer
            ? used.OrderBy(c => long.Parse(c, CultureInfo.InvariantCulture)).ToArray()
            : used;
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++)
        {
            position[classes[i]] = i;
        }

        var map = column.Categories.Select(c => position.TryGetValue(c, out var k) ? k : -1).ToArray();
        for (var r = 0; r < rows; r++)
        {
            index[r] = map[codes[r]];
        }

        return (index, classes, integer);
    }
}
