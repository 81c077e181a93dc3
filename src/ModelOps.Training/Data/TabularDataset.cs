using System.Globalization;
using System.Text;

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

    /// <summary>Reads a delimited text file (see <see cref="CsvReadOptions"/> for separator, header and missing values).</summary>
    public static TabularDataset FromCsv(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new TrainingException($"The file '{path}' does not exist.");
        }

        return FromCsv(() => new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), options);
    }

    /// <summary>Reads delimited text from a reader that <paramref name="open"/> creates; it is called twice (two passes).</summary>
    public static TabularDataset FromCsv(Func<TextReader> open, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        options ??= new CsvReadOptions();
        var missing = new HashSet<string>(options.MissingValues, StringComparer.Ordinal);

        // Pass 1: separator, header, column count and which columns are all numbers.
        char separator;
        string[] names;
        bool hasHeader;
        bool[] numeric;
        int rowCount = 0;
        using (var reader = open())
        {
            separator = options.Separator ?? DetectSeparator(open, options.CommentPrefix);
            var records = new CsvRecordReader(reader, separator, options.CommentPrefix);
            if (!records.TryRead(out var first))
            {
                throw new TrainingException("The file is empty: it has no header and no rows.");
            }

            var firstRow = first.ToArray();
            hasHeader = options.HasHeader ?? !firstRow.Any(f => !missing.Contains(f) && TryParseNumber(f, out _));
            names = hasHeader ? firstRow : Enumerable.Range(1, firstRow.Length).Select(i => $"Column{i}").ToArray();
            for (var i = 0; i < names.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(names[i]))
                {
                    names[i] = $"Column{i + 1}";
                }
            }

            numeric = Enumerable.Repeat(true, names.Length).ToArray();
            if (!hasHeader)
            {
                Inspect(firstRow, records.LineNumber);
            }

            while (records.TryRead(out var fields))
            {
                Inspect(fields, records.LineNumber);
            }

            void Inspect(IReadOnlyList<string> fields, long line)
            {
                if (fields.Count != names.Length)
                {
                    throw new TrainingException(
                        $"Line {line} has {fields.Count} fields but the file has {names.Length} columns.", null, line);
                }

                rowCount++;
                for (var i = 0; i < fields.Count; i++)
                {
                    if (numeric[i] && !missing.Contains(fields[i]) && !TryParseNumber(fields[i], out _))
                    {
                        numeric[i] = false;
                    }
                }
            }
        }

        if (rowCount == 0)
        {
            throw new TrainingException("The file has a header but no rows.");
        }

        // Pass 2: typed arrays.
        var values = new float[names.Length][];
        var codes = new int[names.Length][];
        var dictionaries = new Dictionary<string, int>[names.Length];
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
            }
        }

        using (var reader = open())
        {
            var records = new CsvRecordReader(reader, separator, options.CommentPrefix);
            var row = 0;
            if (hasHeader)
            {
                records.TryRead(out _);
            }

            while (row < rowCount && records.TryRead(out var fields))
            {
                for (var i = 0; i < fields.Count; i++)
                {
                    var text = fields[i];
                    var isMissing = missing.Contains(text);
                    if (numeric[i])
                    {
                        if (isMissing)
                        {
                            values[i][row] = float.NaN;
                            continue;
                        }

                        TryParseNumber(text, out var number);
                        var single = (float)number;
                        if (!double.IsFinite(number) || !float.IsFinite(single))
                        {
                            throw new TrainingException(
                                $"Column '{names[i]}' has the non-finite number '{text}' on line {records.LineNumber}; use an empty field, '?' or 'NA' for a missing value.",
                                names[i], records.LineNumber);
                        }

                        values[i][row] = single;
                    }
                    else if (isMissing)
                    {
                        codes[i][row] = -1;
                    }
                    else
                    {
                        var dictionary = dictionaries[i];
                        if (!dictionary.TryGetValue(text, out var code))
                        {
                            code = dictionary.Count;
                            dictionary.Add(text, code);
                        }

                        codes[i][row] = code;
                    }
                }

                row++;
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

    private static char DetectSeparator(Func<TextReader> open, string? commentPrefix)
    {
        using var reader = open();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0 || (commentPrefix is not null && line.TrimStart().StartsWith(commentPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            return CsvRecordReader.DetectSeparator(line);
        }

        return ',';
    }

    /// <summary>Numbers in invariant culture (including NaN and infinity spellings, which pass 2 rejects as non-finite).</summary>
    internal static bool TryParseNumber(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var sign = text.StartsWith('-') ? -1 : 1;
        var body = text.TrimStart('+', '-');
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = sign * double.PositiveInfinity;
            return true;
        }

        return false;
    }
}
