namespace ModelOps.Training.Data;

/// <summary>
/// A columnar table for training and prediction: every column numeric (float, NaN = missing) or categorical
/// (codes into sorted categories, -1 = missing). Read one from delimited text with <see cref="FromCsv(string, CsvReadOptions?)"/>,
/// which streams the file twice (once to infer column types, once to fill typed arrays) and never holds the rows as text.
/// </summary>
public sealed class TabularDataset
{
    private readonly Dictionary<string, DataColumn> _byName;

    public TabularDataset(IReadOnlyList<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new TrainingException("A dataset needs at least one column.");
        }

        _byName = new Dictionary<string, DataColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != columns[0].Length)
            {
                throw new TrainingException(
                    $"Column '{column.Name}' has {column.Length} rows but column '{columns[0].Name}' has {columns[0].Length}.", column.Name);
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw new TrainingException($"Column name '{column.Name}' appears twice.", column.Name);
            }
        }

        Columns = columns;
    }

    public IReadOnlyList<DataColumn> Columns { get; }

    public int RowCount => Columns[0].Length;

    public DataColumn this[string name] => _byName.TryGetValue(name, out var column)
        ? column
        : throw new TrainingException($"There is no column '{name}'; the columns are {string.Join(", ", Columns.Select(c => $"'{c.Name}'"))}.", name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The rows at <paramref name="rows"/>, in that order (categories kept as they are).</summary>
    public TabularDataset Take(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new TabularDataset(Columns.Select(c => c.Take(rows)).ToArray());
    }

    /// <summary>A seeded shuffle split: the first <c>1 - testFraction</c> of a permutation trains, the rest tests.</summary>
    public (TabularDataset Train, TabularDataset Test) Split(double testFraction, int seed)
    {
        if (testFraction is <= 0 or >= 1 || double.IsNaN(testFraction))
        {
            throw new TrainingException($"testFraction must lie strictly between 0 and 1, not {testFraction}.", nameof(testFraction));
        }

        var order = Enumerable.Range(0, RowCount).ToArray();
        new Random(seed).Shuffle(order);
        var testCount = (int)Math.Round(RowCount * testFraction);
        return (Take(order[testCount..]), Take(order[..testCount]));
    }

    /// <summary>Reads a delimited UTF-8 text file (see <see cref="CsvReadOptions"/> for separator, header and missing
    /// values, and <see cref="CellParser"/> for what counts as a number).</summary>
    public static TabularDataset FromCsv(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new TrainingException($"The file '{path}' does not exist.");
        }

        return FromCsv(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), options);
    }

    /// <summary>Reads delimited UTF-8 text from streams that <paramref name="open"/> creates; it is called up to three
    /// times (separator detection and two passes). The tokenizer and number rule are those of data validation, so a file
    /// <see cref="Validation.DataValidator"/> passes reads here the same way.</summary>
    public static TabularDataset FromCsv(Func<Stream> open, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        options = CsvScan.WithSeparator(open, options ?? new CsvReadOptions());
        var parser = new CellParser(options.MissingValues);

        // Pass 1: header, row count, which columns are all numbers, and anything that makes the file unreadable.
        string[] names;
        NumericTracker[] trackers;
        int rowCount;
        using (var scan = CsvScan.Open(open, options, parser))
        {
            names = [.. scan.Names];
            trackers = names.Select(_ => new NumericTracker()).ToArray();
            var record = scan.Record;
            while (scan.TryNextRow())
            {
                for (var i = 0; i < trackers.Length; i++)
                {
                    if (trackers[i].AllNumbers)
                    {
                        trackers[i].Add(parser.Classify(record.Field(i), out _), scan, i);
                    }
                }
            }

            if (scan.FileAnomalies() is [var problem, ..])
            {
                throw new TrainingException(problem.Message, problem.Column, scan.LineOf(problem.Kind));
            }

            if (scan.Rows > Array.MaxLength)
            {
                throw new TrainingException($"The file has {scan.Rows} rows; at most {Array.MaxLength} can be loaded.");
            }

            rowCount = (int)scan.Rows;
        }

        if (trackers.Select((t, i) => (t, i)).FirstOrDefault(p => p.t.Unloadable) is ({ } unloadable, var column))
        {
            throw new TrainingException(unloadable.Message(names[column], parser), names[column], unloadable.FirstNonFiniteLine);
        }

        var numeric = trackers.Select(t => t.AllNumbers).ToArray();

        // Pass 2: typed arrays.
        var values = new float[names.Length][];
        var codes = new int[names.Length][];
        var dictionaries = new Dictionary<string, int>[names.Length];
        var lookups = new Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (numeric[i])
            {
                values[i] = new float[rowCount];
            }
            else
            {
                codes[i] = new int[rowCount];
                dictionaries[i] = new Dictionary<string, int>(StringComparer.Ordinal);
                lookups[i] = dictionaries[i].GetAlternateLookup<ReadOnlySpan<char>>();
            }
        }

        using (var scan = CsvScan.Open(open, options, parser))
        {
            var record = scan.Record;
            var row = 0;
            while (row < rowCount && scan.TryNextRow())
            {
                for (var i = 0; i < names.Length; i++)
                {
                    var field = record.Field(i);
                    if (numeric[i])
                    {
                        // Pass 1 saw only missing values and numbers in this column.
                        values[i][row] = parser.Classify(field, out var number) == CellKind.Number ? (float)number : float.NaN;
                    }
                    else if (parser.IsMissing(field))
                    {
                        codes[i][row] = -1;
                    }
                    else
                    {
                        // Looked up by the decoded characters: a string is made only for a category's first row.
                        var text = record.Chars(i);
                        if (!lookups[i].TryGetValue(text, out var code))
                        {
                            code = dictionaries[i].Count;
                            lookups[i].TryAdd(text, code);
                        }

                        codes[i][row] = code;
                    }
                }

                row++;
            }

            if (row != rowCount)
            {
                throw new TrainingException($"The file changed while it was read: {row} rows on the second pass, {rowCount} on the first.");
            }
        }

        var columns = new DataColumn[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            columns[i] = numeric[i] ? DataColumn.Numeric(names[i], values[i]) : SortedCategorical(names[i], codes[i], dictionaries[i]);
        }

        return new TabularDataset(columns);
    }

    private static DataColumn SortedCategorical(string name, int[] codes, Dictionary<string, int> dictionary)
    {
        var categories = dictionary.Keys.Order(StringComparer.Ordinal).ToArray();
        var remap = new int[dictionary.Count];
        for (var i = 0; i < categories.Length; i++)
        {
            remap[dictionary[categories[i]]] = i;
        }

        for (var r = 0; r < codes.Length; r++)
        {
            if (codes[r] >= 0)
            {
                codes[r] = remap[codes[r]];
            }
        }

        return DataColumn.Categorical(name, codes, categories);
    }
}
