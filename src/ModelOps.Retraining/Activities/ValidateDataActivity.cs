using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Serialization;
using ModelOps.Training;
using ModelOps.Training.Data;
using ModelOps.Training.Validation;

namespace ModelOps.Retraining;

/// <summary>
/// Reads the run's data (streamed to a local copy, hashed), checks it against the configuration and the champion's
/// schema, and writes schema, baseline statistics, the monitoring reference (<c>reference.json</c>) and a validation report under <c>reports/{model}/{runId}/</c>.
/// Blocking problems end the run with a message that names them; warnings are recorded.
/// </summary>
public sealed class ValidateDataActivity : CancellableActivity<RetrainingInput, DataValidationResult>
{
    public const string Name = "ValidateData";

    /// <summary>The most text values a numeric column may hold (they are then read as missing).</summary>
    public const double AllowedTextShare = 0.01;

    /// <summary>Fewer rows than this cannot be split and trained on meaningfully.</summary>
    public const int MinimumRows = 10;

    private readonly TrainingDataFiles _files;
    private readonly RetrainingArtifacts _artifacts;
    private readonly TrainingConfigurations _configurations;
    private readonly ModelRegistry _registry;
    private readonly ILogger<ValidateDataActivity> _logger;

    public ValidateDataActivity(
        TrainingDataFiles files,
        RetrainingArtifacts artifacts,
        TrainingConfigurations configurations,
        ModelRegistry registry,
        ILogger<ValidateDataActivity> logger,
        IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        _files = files;
        _artifacts = artifacts;
        _configurations = configurations;
        _registry = registry;
        _logger = logger;
    }

    public override async Task<DataValidationResult> RunAsync(TaskActivityContext context, RetrainingInput input, CancellationToken cancellationToken)
    {
        try
        {
            return await ValidateAsync(context, input, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DatasetMemory.Release();
        }
    }

    private async Task<DataValidationResult> ValidateAsync(TaskActivityContext context, RetrainingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var runId = context.InstanceId;
        var dataUri = input.DataUri;
        var problems = new List<string>();
        var warnings = new List<string>();
        string sha = string.Empty;
        long bytes = 0;
        try
        {
            (var path, sha, bytes) = await _files.FetchAsync(runId, input.Model, input.DataFile, null, cancellationToken).ConfigureAwait(false);
            // TFDV-style checks first: the file itself (empty, ragged, UTF-8, rows, label) and, when the model has a
            // champion, the new data against the champion's schema (missing columns, type changes, unseen categories...).
            var configuration = input.Configuration;
            var profile = DataValidator.Profile(path, new ProfileOptions
            {
                Label = configuration.Label,
                Task = configuration.Task switch { TaskNames.Binary => ModelTask.Binary, TaskNames.Multiclass => ModelTask.Multiclass, _ => ModelTask.Regression },
                Features = configuration.Features,
            });
            var anomalies = profile.Report.Anomalies.ToList();
            var champion = await ChampionAsync(input.Model, cancellationToken).ConfigureAwait(false);
            var previous = champion is null ? null : await ReadSchemaAsync(champion, cancellationToken).ConfigureAwait(false);
            if (previous is not null && !profile.Report.HasBlocking)
            {
                anomalies.AddRange(DataValidator.Validate(path, previous).Anomalies);
            }

            problems.AddRange(anomalies.Where(a => a.Severity == AnomalySeverity.Blocking).Select(a => a.Message));
            warnings.AddRange(anomalies.Where(a => a.Severity != AnomalySeverity.Blocking).Select(a => a.Message));
            if (problems.Count > 0)
            {
                throw new RetrainingException(string.Join(" ", problems));
            }

            // Then what training needs of the table as the trainers read it.
            var data = TrainingDataFiles.Read(path);
            var columns = data.Columns.Select(c => c.Name).ToArray();
            await _configurations.SetKnownColumnsAsync(input.Model, columns, cancellationToken).ConfigureAwait(false);
            var features = Check(data, configuration, previous, problems, warnings, out var coerced);
            if (problems.Count > 0)
            {
                throw new RetrainingException(string.Join(" ", problems));
            }

            var schemaBytes = JsonSerializer.SerializeToUtf8Bytes(profile.Schema, ValidationJson.Options);
            var schemaBlob = await _artifacts.WriteFileAsync(
                input.Model, runId, RetrainingFiles.Schema, schemaBytes, "application/json", cancellationToken).ConfigureAwait(false);
            var referenceBlob = await _artifacts.WriteFileAsync(
                input.Model, runId, RetrainingFiles.Reference, JsonSerializer.SerializeToUtf8Bytes(ReferenceProfile.Build(data, schemaBytes), ModelOpsJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
            var statisticsBlob = await _artifacts.WriteFileAsync(
                input.Model, runId, RetrainingFiles.Statistics, JsonSerializer.SerializeToUtf8Bytes(profile.Baseline, ValidationJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
            var reportBlob = await _artifacts.WriteReportAsync(
                input.Model, runId, RetrainingFiles.Validation, new { status = "passed", dataUri, sha256 = sha, bytes, rows = data.RowCount, columns, warnings, anomalies }, cancellationToken).ConfigureAwait(false);
            return new DataValidationResult
            {
                DataUri = dataUri,
                Sha256 = sha,
                Bytes = bytes,
                Rows = data.RowCount,
                Columns = columns,
                Features = features,
                SchemaBlob = schemaBlob,
                StatisticsBlob = statisticsBlob,
                ReferenceBlob = referenceBlob,
                ReportBlob = reportBlob,
                CoercedColumns = coerced,
                Warnings = warnings,
                SameAsChampion = champion is not null
                    && champion.Tags.GetValueOrDefault("dataSha256") == sha
                    && champion.Tags.GetValueOrDefault("trainingFingerprint") == configuration.TrainingFingerprint()
                        ? champion.Version
                        : null,
            };
        }
        catch (RetrainingException exception)
        {
            Log.ValidationFailed(_logger, input.Model, runId, exception.Message);
            _files.Clean(runId);
            var report = await _artifacts.WriteReportAsync(
                input.Model,
                runId,
                RetrainingFiles.Validation,
                new { status = "failed", dataUri, sha256 = sha, bytes, problems = problems.Count > 0 ? problems : [exception.Message], warnings },
                cancellationToken).ConfigureAwait(false);
            throw new RetrainingException($"Data validation of '{dataUri}' failed: {exception.Message} (report: {report})", exception);
        }
    }

    private static List<string> Check(
        TabularDataset data,
        TrainingConfiguration configuration,
        DataSchema? previous,
        List<string> problems,
        List<string> warnings,
        out List<string> coerced)
    {
        coerced = [];
        var label = configuration.Label;
        var columns = data.Columns.Select(c => c.Name).ToList();
        if (data.RowCount < MinimumRows)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Too few rows: {data.RowCount}; a run needs at least {MinimumRows}."));
        }

        if (!data.Contains(label))
        {
            problems.Add($"The label column '{label}' is missing; the columns are {Quoted(columns)}.");
        }

        var features = configuration.Features?.ToList() ?? columns.Where(c => c != label).ToList();
        var missing = features.Where(f => !data.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"The feature column(s) {Quoted(missing)} named by the training configuration are missing; the columns are {Quoted(columns)}.");
        }

        if (previous is not null)
        {
            // Missing and extra columns against the champion's schema are the validator's anomalies.
        }

        foreach (var column in data.Columns.Where(c => c.Kind == ColumnKind.Categorical && (c.Name == label || features.Contains(c.Name))))
        {
            var (numbers, texts) = DatasetPreparation.CountNumbers(column);
            var wasNumeric = previous?.Find(column.Name)?.Type == ColumnKind.Numeric;
            var looksNumeric = numbers > 0 && numbers >= 0.9 * (numbers + texts);
            if (!wasNumeric && !looksNumeric)
            {
                continue;
            }

            var share = (double)texts / Math.Max(1, numbers + texts);
            var example = column.Categories.FirstOrDefault(c => !CellParser.TryParseNumber(c, out _));
            if (share > AllowedTextShare)
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Column '{column.Name}' is numeric{(wasNumeric ? " in the champion's schema" : string.Empty)} but {share:P1} of its values are text (e.g. '{example}'); at most {AllowedTextShare:P0} may be."));
            }
            else
            {
                coerced.Add(column.Name);
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Column '{column.Name}' has {texts} text value(s) (e.g. '{example}') among numbers; they are read as missing."));
            }
        }

        if (data.Contains(label) && problems.Count == 0)
        {
            CheckLabel(data[label], configuration, coerced.Contains(label), problems);
        }

        return features;
    }

    private static void CheckLabel(DataColumn column, TrainingConfiguration configuration, bool coercedToNumber, List<string> problems)
    {
        var present = column.Kind == ColumnKind.Numeric
            ? column.Values.Where(v => !float.IsNaN(v)).Select(v => v.ToString(CultureInfo.InvariantCulture)).Distinct().Take(3).ToList()
            : column.Codes.Where(c => c >= 0).Distinct().Take(3).Select(c => column.Categories[c]).ToList();
        if (present.Count == 0)
        {
            problems.Add($"The label column '{column.Name}' has no values.");
            return;
        }

        if (configuration.Task == TaskNames.Regression)
        {
            if (column.Kind != ColumnKind.Numeric && !coercedToNumber)
            {
                problems.Add($"The label column '{column.Name}' holds text (e.g. '{present[0]}'); task 'regression' needs numbers.");
            }

            return;
        }

        if (present.Count == 1)
        {
            problems.Add($"The label column '{column.Name}' has a single class ('{present[0]}'); classification needs at least two.");
        }
        else if (configuration.Task == TaskNames.Binary && present.Count > 2)
        {
            problems.Add($"The label column '{column.Name}' has more than two classes ({Quoted(present)}, ...); task 'binary' needs exactly two (use 'multiclass').");
        }
    }

    private async Task<ModelVersion?> ChampionAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            return await _registry.ResolveAliasAsync(model, ModelRegistry.ChampionAlias, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<DataSchema?> ReadSchemaAsync(ModelVersion champion, CancellationToken cancellationToken)
    {
        var bytes = await _artifacts.ReadBaselineAsync(champion.Name, champion.Version, RetrainingFiles.Schema, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<DataSchema>(bytes, ValidationJson.Options);
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
