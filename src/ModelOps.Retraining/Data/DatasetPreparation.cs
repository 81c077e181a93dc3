using System.Globalization;
using ModelOps.Training.Data;

namespace ModelOps.Retraining;

/// <summary>The one way every step turns a CSV file into the dataset a run works on, and splits off the held-out rows.</summary>
public static class DatasetPreparation
{
    /// <summary>Reads the file and reads <paramref name="coercedColumns"/> as numbers (text values missing).</summary>
    public static TabularDataset Load(string path, IReadOnlyCollection<string> coercedColumns)
    {
        var data = TrainingDataFiles.Read(path);
        return coercedColumns.Count == 0 ? data : Coerce(data, coercedColumns);
    }

    /// <summary>The training and held-out rows: a seeded shuffle split, the same on every host and every re-run.</summary>
    public static (TabularDataset Train, TabularDataset Holdout) Split(TabularDataset data, TrainingConfiguration configuration)
    {
        var (train, holdout) = data.Split(configuration.HoldoutFraction, configuration.Seed);
        if (train.RowCount == 0 || holdout.RowCount == 0)
        {
            throw new RetrainingException(string.Create(
                CultureInfo.InvariantCulture,
                $"{data.RowCount} rows are too few to hold out {configuration.HoldoutFraction:P0} and still train."));
        }

        return (train, holdout);
    }

    /// <summary>Counts the values of a categorical column that do not parse as numbers.</summary>
    public static (int Numbers, int Texts) CountNumbers(DataColumn column)
    {
        var parses = column.Categories.Select(IsNumber).ToArray();
        int numbers = 0, texts = 0;
        foreach (var code in column.Codes)
        {
            if (code < 0)
            {
                continue;
            }

            if (parses[code])
            {
                numbers++;
            }
            else
            {
                texts++;
            }
        }

        return (numbers, texts);
    }

    private static TabularDataset Coerce(TabularDataset data, IReadOnlyCollection<string> columns)
    {
        var result = new List<DataColumn>(data.Columns.Count);
        foreach (var column in data.Columns)
        {
            if (column.Kind != ColumnKind.Categorical || !columns.Contains(column.Name))
            {
                result.Add(column);
                continue;
            }

            var values = column.Categories.Select(c => CellParser.TryParseNumber(c, out var number) ? number : float.NaN).ToArray();
            var numbers = new float[column.Length];
            var codes = column.Codes;
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = codes[i] < 0 ? float.NaN : values[codes[i]];
            }

            result.Add(DataColumn.Numeric(column.Name, numbers));
        }

        return new TabularDataset(result);
    }

    private static bool IsNumber(string text) => CellParser.TryParseNumber(text, out _);
}
