using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelOps.Errors;
using ModelOps.Monitoring.Profiles;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// The drift check of the core, with no I/O: given a version's reference profile, a window's profile and the model's
/// <see cref="DriftSettings"/>, it picks each column's method as Evidently does (<see cref="DriftMethodSelector"/>, or
/// the configured one), runs it (<see cref="ColumnDriftCalculator"/>), decides dataset drift from the share of drifted
/// columns, and adds the data-quality signals. <see cref="CreateWindow"/> prepares the one-pass sketch of a window so
/// its profile carries what the checks need (counts around the reference's exact values, the reference's categories).
/// </summary>
public sealed class DriftAnalyzer
{
    private static readonly DriftSettingsValidator Validator = new();
    private readonly ILogger _logger;

    public DriftAnalyzer(ILogger<DriftAnalyzer>? logger = null)
    {
        _logger = logger ?? NullLogger<DriftAnalyzer>.Instance;
    }

    /// <summary>
    /// A sketch for a window checked against <paramref name="reference"/>: numeric columns count around the reference's
    /// exact values where KS or value-by-value bins may use them (a small reference, at most 20 values, or KS configured).
    /// </summary>
    public DatasetSketch CreateWindow(DatasetProfile reference, MonitoringSchema schema, DriftSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(schema);
        Validate(settings);
        var ksConfigured = string.Equals(settings.Numeric.Method, DriftMethods.Name(DriftMethod.Ks), StringComparison.Ordinal);
        return new DatasetSketch(schema, settings.Sketch, reference, column =>
            ksConfigured || column.Count <= settings.SmallReferenceRows || column.Numeric?.Values?.Count <= EvidentlyBinning.MaxValueBins);
    }

    /// <summary>Checks every reference column (except the schema's label) against the window.</summary>
    public DriftReport Analyze(DatasetProfile reference, DatasetProfile current, DriftSettings settings, MonitoringSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        Validate(settings);
        var columns = new List<ColumnDrift>();
        foreach (var referenceColumn in reference.Columns)
        {
            if (schema?.Label is { } label && string.Equals(label, referenceColumn.Name, StringComparison.Ordinal))
            {
                continue;
            }

            var column = Check(referenceColumn, current.Find(referenceColumn.Name), settings);
            if (column.Skipped)
            {
                Log.DriftColumnSkipped(_logger, column.Name, column.Note ?? "skipped");
            }

            columns.Add(column);
        }

        var checkedColumns = columns.Count(c => !c.Skipped);
        var drifted = columns.Count(c => c.Drifted);
        var share = checkedColumns == 0 ? 0 : (double)drifted / checkedColumns;
        var quality = DataQuality.Evaluate(current, schema, settings.DataQuality);
        var report = new DriftReport
        {
            ReferenceRows = reference.RowCount,
            CurrentRows = current.RowCount,
            Columns = columns,
            DriftedColumns = drifted,
            DriftedShare = share,
            DriftShareThreshold = settings.DriftShare,
            DatasetDrift = checkedColumns > 0 && share >= settings.DriftShare,
            DataQuality = quality,
        };
        Log.DriftChecked(_logger, drifted, checkedColumns, share, settings.DriftShare, report.DatasetDrift, quality.ColumnsWithIssues);
        return report;
    }

    private static ColumnDrift Check(ColumnProfile reference, ColumnProfile? current, DriftSettings settings)
    {
        var automatic = DriftMethodSelector.Select(reference.Kind, reference.Count, current is null ? long.MaxValue : DistinctValues(reference, current), settings.SmallReferenceRows);
        var (method, threshold) = settings.Resolve(reference.Kind, automatic);
        if (current is null || current.Kind != reference.Kind)
        {
            return ColumnDriftCalculator.Skipped(reference, method, threshold, current is null
                ? "The column is absent from the window."
                : $"The column is {current.Kind.ToString().ToLowerInvariant()} in the window but {reference.Kind.ToString().ToLowerInvariant()} in the reference.");
        }

        return ColumnDriftCalculator.Compute(method, threshold, reference, current);
    }

    /// <summary>Distinct values of both sides together, as Evidently counts them to choose a method (large when not kept exactly).</summary>
    private static long DistinctValues(ColumnProfile reference, ColumnProfile current)
    {
        if (reference.Kind == ColumnKind.Numeric)
        {
            return reference.Numeric?.Values is { } r && current.Numeric?.Values is { } c
                ? r.Select(v => v.Value).Union(c.Select(v => v.Value)).LongCount()
                : long.MaxValue;
        }

        return CategoryTable.From(reference, current) is { } table ? table.Keys.Length : long.MaxValue;
    }

    private static void Validate(DriftSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = Validator.Validate(null, settings);
        if (result.Failed)
        {
            throw ModelOpsException.Invalid($"Invalid drift settings: {result.FailureMessage}");
        }
    }
}
