namespace ModelOps.Training.Data;

/// <summary>
/// One column of a <see cref="TabularDataset"/>. Numeric columns hold <see cref="float"/> values with NaN for
/// missing (ONNX models take float inputs, so training sees exactly what serving sees); categorical columns hold
/// codes into <see cref="Categories"/> (sorted ordinally) with -1 for missing.
/// </summary>
public sealed class DataColumn
{
    private DataColumn(string name, ColumnKind kind, float[]? values, int[]? codes, string[]? categories)
    {
        Name = name;
        Kind = kind;
        _values = values;
        _codes = codes;
        _categories = categories;
    }

    private readonly float[]? _values;
    private readonly int[]? _codes;
    private readonly string[]? _categories;

    public string Name { get; }

    public ColumnKind Kind { get; }

    public int Length => _values?.Length ?? _codes!.Length;

    /// <summary>The numbers of a numeric column (NaN = missing).</summary>
    public float[] Values => _values ?? throw new InvalidOperationException($"Column '{Name}' is categorical, not numeric.");

    /// <summary>The category codes of a categorical column (-1 = missing).</summary>
    public int[] Codes => _codes ?? throw new InvalidOperationException($"Column '{Name}' is numeric, not categorical.");

    /// <summary>The distinct values of a categorical column, sorted ordinally; codes index into it.</summary>
    public IReadOnlyList<string> Categories => _categories ?? throw new InvalidOperationException($"Column '{Name}' is numeric, not categorical.");

    public static DataColumn Numeric(string name, float[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        return new DataColumn(name, ColumnKind.Numeric, values, null, null);
    }

    /// <summary>A categorical column from codes and categories; codes must be -1 or index <paramref name="categories"/>.</summary>
    public static DataColumn Categorical(string name, int[] codes, string[] categories)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(categories);
        foreach (var code in codes)
        {
            if (code < -1 || code >= categories.Length)
            {
                throw new ArgumentException($"Column '{name}' has code {code} outside its {categories.Length} categories.", nameof(codes));
            }
        }

        return new DataColumn(name, ColumnKind.Categorical, null, codes, categories);
    }

    /// <summary>A categorical column from text values; null marks a missing value.</summary>
    public static DataColumn FromStrings(string name, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var categories = values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            index[categories[i]] = i;
        }

        var codes = new int[values.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = values[i] is { } v ? index[v] : -1;
        }

        return new DataColumn(name, ColumnKind.Categorical, null, codes, categories);
    }

    /// <summary>The value at <paramref name="row"/> as text (null when missing); numbers in invariant round-trip form.</summary>
    public string? TextAt(int row)
    {
        if (_codes is not null)
        {
            var code = _codes[row];
            return code < 0 ? null : _categories![code];
        }

        var value = _values![row];
        return float.IsNaN(value) ? null : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal DataColumn Take(int[] rows)
    {
        if (_values is not null)
        {
            var values = new float[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                values[i] = _values[rows[i]];
            }

            return new DataColumn(Name, Kind, values, null, null);
        }

        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = _codes![rows[i]];
        }

        return new DataColumn(Name, Kind, null, codes, _categories);
    }
}
