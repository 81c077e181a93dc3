using System.Globalization;
using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Evaluation;

namespace ModelOps.Rollouts;

/// <summary>
/// The limits a candidate must stay within against its baseline over a bake time (per rollout, or per model in the
/// training configuration's <c>rollout.guardrails</c>). Defaults: error rate at most 2 percentage points above the
/// baseline's and p99 latency at most 1.5 times the baseline's plus 5 ms (each evaluation interval, once the candidate
/// answered 20 requests); at the end of each step, prediction distribution shift (PSI of the candidate's captured
/// predictions against the baseline's over the step) at most 0.2, and live quality from feedback labels at most 0.05
/// worse than the baseline's on the same metric (auc for classifiers, rmse for regressors), judged from 30 labels each.
/// </summary>
public sealed record GuardrailSettings
{
    /// <summary>The field names of the JSON form, in the order the docs list them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["maxErrorRateIncrease", "maxLatencyRatio", "latencySlackMs", "minRequests", "maxPsi", "qualityMetric", "maxQualityDrop", "minLabels"];

    public static GuardrailSettings Default { get; } = new();

    /// <summary>How far the candidate's error rate may exceed the baseline's (0-1). Default 0.02.</summary>
    public double MaxErrorRateIncrease { get; init; } = 0.02;

    /// <summary>The candidate's p99 latency may be at most this times the baseline's (plus <see cref="LatencySlackMs"/>). Default 1.5.</summary>
    public double MaxLatencyRatio { get; init; } = 1.5;

    /// <summary>Absolute slack on the latency limit, so microsecond-fast models do not trip on noise. Default 5 ms.</summary>
    public double LatencySlackMs { get; init; } = 5;

    /// <summary>Fewer candidate requests than this in a period judge nothing; fewer captured predictions than this on
    /// either side judge no distribution shift. Default 20.</summary>
    public int MinRequests { get; init; } = 20;

    /// <summary>The largest population stability index of the candidate's predictions against the baseline's over the
    /// same step (0.1: a small shift, 0.2 and above: a significant one). Default 0.2; from 0.001 to 10.</summary>
    public double MaxPsi { get; init; } = 0.2;

    /// <summary>The live-quality metric compared (a metric name of the model's task: <c>auc</c>, <c>accuracy</c>,
    /// <c>f1</c>, … or <c>rmse</c>, <c>mae</c>, …); null (default): auc for classifiers, rmse for regressors.</summary>
    public string? QualityMetric { get; init; }

    /// <summary>How much worse than the baseline's the candidate's live metric may be, in the metric's units (either
    /// direction as the metric defines better). Default 0.05.</summary>
    public double MaxQualityDrop { get; init; } = 0.05;

    /// <summary>Fewer feedback labels joined to either version's predictions than this judge no quality. Default 30.</summary>
    public int MinLabels { get; init; } = 30;

    /// <summary>Reads the JSON form strictly: an unknown field or a value of the wrong type is a 400 naming it.</summary>
    /// <param name="element">The <c>guardrails</c> object.</param>
    /// <param name="path">Where it sits, for messages (<c>guardrails</c>, <c>rollout.guardrails</c>).</param>
    public static GuardrailSettings Parse(JsonElement element, string path = "guardrails")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid($"'{path}' must be an object ({string.Join(", ", Fields)}).");
        }

        var settings = Default;
        foreach (var property in element.EnumerateObject())
        {
            var field = path + "." + property.Name;
            var value = property.Value;
            settings = property.Name switch
            {
                "maxErrorRateIncrease" => settings with { MaxErrorRateIncrease = Number(value, field) },
                "maxLatencyRatio" => settings with { MaxLatencyRatio = Number(value, field) },
                "latencySlackMs" => settings with { LatencySlackMs = Number(value, field) },
                "minRequests" => settings with { MinRequests = Int(value, field) },
                "maxPsi" => settings with { MaxPsi = Number(value, field) },
                "qualityMetric" => settings with
                {
                    QualityMetric = value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => value.GetString(),
                        _ => throw ModelOpsException.Invalid($"'{field}' must be a metric name ({string.Join(", ", MetricNames.All)}) or null."),
                    },
                },
                "maxQualityDrop" => settings with { MaxQualityDrop = Number(value, field) },
                "minLabels" => settings with { MinLabels = Int(value, field) },
                _ => throw ModelOpsException.Invalid($"'{field}' is not a guardrail ({string.Join(", ", Fields)})."),
            };
        }

        settings.Validate(path);
        return settings;
    }

    /// <summary>Checks every range (also for settings built in code); a 400 naming the field at fault.</summary>
    public void Validate(string path = "guardrails")
    {
        Range(MaxErrorRateIncrease, 0, 1, "maxErrorRateIncrease");
        Range(MaxLatencyRatio, 1, 100, "maxLatencyRatio");
        Range(LatencySlackMs, 0, 60_000, "latencySlackMs");
        Range(MinRequests, 1, 1_000_000, "minRequests");
        Range(MaxPsi, 0.001, 10, "maxPsi");
        Range(MaxQualityDrop, 0, 1_000_000, "maxQualityDrop");
        Range(MinLabels, 1, 1_000_000, "minLabels");
        if (QualityMetric is { } metric && !MetricNames.IsKnown(metric))
        {
            throw ModelOpsException.Invalid($"'{path}.qualityMetric' is '{metric}', not a metric: one of {string.Join(", ", MetricNames.All)}.");
        }

        void Range(double value, double min, double max, string name)
        {
            if (double.IsNaN(value) || value < min || value > max)
            {
                throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{path}.{name}' is {value}: it must be from {min} to {max}."));
            }
        }
    }

    private static int Int(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw ModelOpsException.Invalid($"'{field}' must be a whole number.");

    private static double Number(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw ModelOpsException.Invalid($"'{field}' must be a number.");
}
