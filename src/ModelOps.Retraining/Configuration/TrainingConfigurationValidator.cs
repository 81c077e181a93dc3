using System.Globalization;
using ModelOps.Errors;
using ModelOps.Evaluation;

namespace ModelOps.Retraining;

/// <summary>Checks a training configuration before it is stored; every problem is a 400 naming the field.</summary>
public static class TrainingConfigurationValidator
{
    /// <summary>
    /// Throws <see cref="ModelOpsException"/> (InvalidInput) for the first problem. With <paramref name="knownColumns"/>
    /// (the columns of a dataset already seen for the model), label and features must be among them. An external
    /// trainer must be one of <paramref name="externalTrainers"/> (the operator's declarations; none when null).
    /// </summary>
    public static void Validate(
        TrainingConfiguration configuration,
        IReadOnlyCollection<string>? knownColumns = null,
        IReadOnlyDictionary<string, ExternalTrainerOptions>? externalTrainers = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration.Label))
        {
            throw ModelOpsException.Invalid("'label' is required: the name of the label column.");
        }

        if (!TaskNames.All.Contains(configuration.Task, StringComparer.Ordinal))
        {
            throw ModelOpsException.Invalid($"'task' is '{configuration.Task}'; it must be one of {Quoted(TaskNames.All)}.");
        }

        if (!TrainerNames.All.Contains(configuration.Trainer, StringComparer.Ordinal))
        {
            throw ModelOpsException.Invalid($"'trainer' is '{configuration.Trainer}'; there is no such trainer. The trainers are {Quoted(TrainerNames.All)}.");
        }

        if (configuration.Trainer == "linear" && configuration.Task != TaskNames.Regression)
        {
            throw ModelOpsException.Invalid("'trainer' 'linear' trains regression only; use 'logistic' or 'gbt' for classification.");
        }

        if (configuration.Trainer == "logistic" && configuration.Task == TaskNames.Regression)
        {
            throw ModelOpsException.Invalid("'trainer' 'logistic' trains classification only; use 'linear' or 'gbt' for regression.");
        }

        if (!MetricNames.IsKnown(configuration.Metric))
        {
            throw ModelOpsException.Invalid($"'metric' is '{configuration.Metric}'; it must be one of {Quoted(MetricNames.All)}.");
        }

        var regressionMetric = configuration.Metric is MetricNames.Rmse or MetricNames.Mae or MetricNames.R2;
        if (regressionMetric != (configuration.Task == TaskNames.Regression))
        {
            throw ModelOpsException.Invalid($"'metric' '{configuration.Metric}' does not apply to task '{configuration.Task}'.");
        }

        if (!double.IsFinite(configuration.HoldoutFraction) || configuration.HoldoutFraction <= 0 || configuration.HoldoutFraction >= 1)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'holdoutFraction' is {configuration.HoldoutFraction}; it must lie strictly between 0 and 1."));
        }

        if (configuration.Promotion is null)
        {
            throw ModelOpsException.Invalid("'promotion' must be an object: {\"minimum\": number|null, \"maxDrop\": number|null}.");
        }

        if (configuration.Promotion.Minimum is { } minimum && !double.IsFinite(minimum))
        {
            throw ModelOpsException.Invalid("'promotion.minimum' must be a finite number.");
        }

        if (configuration.Promotion.MaxDrop is { } maxDrop && (!double.IsFinite(maxDrop) || maxDrop < 0))
        {
            throw ModelOpsException.Invalid("'promotion.maxDrop' must be a number of at least 0.");
        }

        ValidateColumns(configuration, knownColumns);
        ValidateTrainer(configuration, externalTrainers ?? new Dictionary<string, ExternalTrainerOptions>());
        if (configuration.Schedule is { } schedule)
        {
            try
            {
                CronSchedule.Parse(schedule, configuration.ScheduleTimeZone);
            }
            catch (FormatException exception)
            {
                throw ModelOpsException.Invalid(exception.Message);
            }
        }
        else if (configuration.ScheduleTimeZone is not null)
        {
            throw ModelOpsException.Invalid("'scheduleTimeZone' needs a 'schedule'.");
        }

        if (configuration.ApprovalTimeout is { } approval && (approval < TimeSpan.FromSeconds(1) || approval > TimeSpan.FromDays(365)))
        {
            throw ModelOpsException.Invalid("'approvalTimeout' must be between 00:00:01 and 365.00:00:00.");
        }

        if (configuration.Rollout is { } rollout)
        {
            try
            {
                rollout.For(1).Validate();
            }
            catch (ModelOpsException exception) when (exception.Kind == ErrorKind.InvalidInput)
            {
                throw ModelOpsException.Invalid("'rollout': " + exception.Message);
            }
        }
    }

    private static void ValidateColumns(TrainingConfiguration configuration, IReadOnlyCollection<string>? knownColumns)
    {
        if (configuration.Features is { } features)
        {
            if (features.Count == 0 || features.Any(string.IsNullOrWhiteSpace))
            {
                throw ModelOpsException.Invalid("'features' must be null (every column but the label) or a non-empty list of column names.");
            }

            if (features.Contains(configuration.Label, StringComparer.Ordinal))
            {
                throw ModelOpsException.Invalid($"'features' names the label column '{configuration.Label}'.");
            }

            if (features.Distinct(StringComparer.Ordinal).Count() != features.Count)
            {
                throw ModelOpsException.Invalid("'features' names a column twice.");
            }
        }

        if (knownColumns is null)
        {
            return;
        }

        var unknown = new[] { configuration.Label }.Concat(configuration.Features ?? [])
            .Where(c => !knownColumns.Contains(c, StringComparer.Ordinal))
            .ToList();
        if (unknown.Count > 0)
        {
            throw ModelOpsException.Invalid(
                $"The model's training data has no column {Quoted(unknown)}; its columns are {Quoted(knownColumns)}.");
        }
    }

    private static void ValidateTrainer(TrainingConfiguration configuration, IReadOnlyDictionary<string, ExternalTrainerOptions> externalTrainers)
    {
        if (!configuration.IsExternal)
        {
            if (configuration.ExternalTrainer is not null)
            {
                throw ModelOpsException.Invalid($"'externalTrainer' applies to 'trainer' 'external' only, not '{configuration.Trainer}'.");
            }

            return;
        }

        var known = externalTrainers.Count == 0
            ? "This host declares no external trainers (ModelOps:Retraining:ExternalTrainers)."
            : $"The external trainers this host declares are {Quoted(externalTrainers.Keys.Order(StringComparer.Ordinal))}.";
        if (string.IsNullOrWhiteSpace(configuration.ExternalTrainer))
        {
            throw ModelOpsException.Invalid($"'externalTrainer' is required for 'trainer' 'external': the name of a trainer the operator declared. {known}");
        }

        if (!externalTrainers.TryGetValue(configuration.ExternalTrainer, out var trainer))
        {
            throw ModelOpsException.Invalid($"'externalTrainer' is '{configuration.ExternalTrainer}'; there is no such external trainer. {known}");
        }

        foreach (var name in ExternalTrainerArguments.ParameterPlaceholders(trainer.Command))
        {
            if (configuration.Parameters?.TryGetValue(name, out var value) != true || !ExternalTrainerArguments.IsScalar(value))
            {
                throw ModelOpsException.Invalid(
                    $"External trainer '{configuration.ExternalTrainer}' takes parameter '{name}' as an argument: 'parameters' must give it a string, number or boolean.");
            }
        }
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
