using System.Globalization;
using ModelOps.Monitoring.Profiles;

namespace ModelOps.Monitoring.Quality;

/// <summary>
/// Data-quality signals of a window against the schema: per column the null rate (rows without a value, compared with
/// the schema's training missing rate), the type-error rate (rows whose value was not of the column's kind) and the
/// out-of-range rate (present values below the schema's min, above its max, or outside a closed domain), with an issue
/// wherever <see cref="DataQualitySettings"/> is exceeded.
/// </summary>
public static class DataQuality
{
    public static DataQualityReport Evaluate(DatasetProfile window, MonitoringSchema? schema, DataQualitySettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        settings ??= new DataQualitySettings();
        var columns = new List<ColumnQuality>(window.Columns.Count);
        foreach (var column in window.Columns)
        {
            double rows = Math.Max(window.RowCount, column.Rows);
            var nullRate = rows == 0 ? 0 : column.Missing / rows;
            var typeErrorRate = rows == 0 ? 0 : column.TypeErrors / rows;
            var outOfRangeRate = column.Count == 0 ? 0 : (double)column.OutOfRange / column.Count;
            var reference = schema?.Find(column.Name)?.MissingRate;
            var issues = new List<string>();
            if (nullRate > (reference ?? 0) + settings.MaxNullRateIncrease)
            {
                issues.Add($"null rate {Percent(nullRate)} against {Percent(reference ?? 0)} in training");
            }

            if (typeErrorRate > settings.MaxTypeErrorRate)
            {
                issues.Add($"{Percent(typeErrorRate)} of values are not {(column.Kind == ColumnKind.Numeric ? "numbers" : "text")}");
            }

            if (outOfRangeRate > settings.MaxOutOfRangeRate)
            {
                issues.Add($"{Percent(outOfRangeRate)} of values are outside the training {(column.Kind == ColumnKind.Numeric ? "range" : "domain")}");
            }

            columns.Add(new ColumnQuality
            {
                Name = column.Name,
                NullRate = nullRate,
                ReferenceNullRate = reference,
                TypeErrorRate = typeErrorRate,
                OutOfRangeRate = outOfRangeRate,
                Issues = issues,
            });
        }

        return new DataQualityReport { Rows = window.RowCount, Columns = columns, ColumnsWithIssues = columns.Count(c => c.Issues.Count > 0) };
    }

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
}
