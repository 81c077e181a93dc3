using System.Globalization;
using System.Text.Json;
using ModelOps.Errors;

namespace ModelOps.Rollouts;

/// <summary>
/// A request to roll out a version: <c>{"version": 2, "strategy": "canary", "percent": 10, "stepPercent": 20,
/// "bakeTime": "00:10:00", "evaluationInterval": "00:01:00", "guardrails": {...}}</c>. Read strictly: every mistake is a
/// 400 naming its field.
/// </summary>
public sealed record RolloutRequest
{
    public required int Version { get; init; }

    public RolloutStrategy Strategy { get; init; } = RolloutStrategy.Canary;

    public int Percent { get; init; } = 10;

    public int StepPercent { get; init; } = 20;

    public TimeSpan BakeTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Default: a tenth of the bake time, at least one second and at most one minute.</summary>
    public TimeSpan? EvaluationInterval { get; init; }

    /// <summary>The thresholds; null (not in the request): the model's own (its training configuration's
    /// <c>rollout.guardrails</c>), else <see cref="GuardrailSettings.Default"/>.</summary>
    public GuardrailSettings? Guardrails { get; init; }

    public static RolloutRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The rollout must be a JSON object.");
        }

        int? version = null;
        var request = new RolloutRequest { Version = 0 };
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            request = property.Name switch
            {
                "version" => request with { Version = (version = Int(value, "version")).Value },
                "strategy" => request with { Strategy = ParseStrategy(value) },
                "percent" => request with { Percent = Int(value, "percent") },
                "stepPercent" => request with { StepPercent = Int(value, "stepPercent") },
                "bakeTime" => request with { BakeTime = Duration(value, "bakeTime") },
                "evaluationInterval" => request with { EvaluationInterval = Duration(value, "evaluationInterval") },
                "guardrails" => request with { Guardrails = GuardrailSettings.Parse(value) },
                _ => throw ModelOpsException.Invalid($"'{property.Name}' is not a field of a rollout (version, strategy, percent, stepPercent, bakeTime, evaluationInterval, guardrails)."),
            };
        }

        if (version is null)
        {
            throw ModelOpsException.Invalid("'version' is required: the version to roll out.");
        }

        request.Validate();
        return request;
    }

    /// <summary>Checks the ranges (also for requests built in code, e.g. from a training configuration).</summary>
    public void Validate()
    {
        if (Version < 1)
        {
            throw ModelOpsException.Invalid("'version': versions count from 1.");
        }

        if (Percent is < 1 or > 99)
        {
            throw ModelOpsException.Invalid(Text($"'percent' is {Percent}: the canary share is a percent from 1 to 99."));
        }

        if (StepPercent is < 1 or > 100)
        {
            throw ModelOpsException.Invalid(Text($"'stepPercent' is {StepPercent}: a percent from 1 to 100."));
        }

        if (BakeTime < TimeSpan.Zero || BakeTime > TimeSpan.FromDays(7))
        {
            throw ModelOpsException.Invalid("'bakeTime' must be between 00:00:00 and 7.00:00:00.");
        }

        if (EvaluationInterval is { } interval && (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromHours(1)))
        {
            throw ModelOpsException.Invalid("'evaluationInterval' must be between 00:00:00.1 and 01:00:00.");
        }

        Guardrails?.Validate();
    }

    /// <summary>The evaluation interval in effect.</summary>
    public TimeSpan EffectiveEvaluationInterval =>
        EvaluationInterval ?? TimeSpan.FromTicks(Math.Clamp(BakeTime.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    private static RolloutStrategy ParseStrategy(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch
        {
            "canary" => RolloutStrategy.Canary,
            "linear" => RolloutStrategy.Linear,
            "blueGreen" => RolloutStrategy.BlueGreen,
            "direct" => RolloutStrategy.Direct,
            var other => throw ModelOpsException.Invalid($"'strategy' is '{other}': one of canary, linear, blueGreen, direct."),
        }
        : throw ModelOpsException.Invalid("'strategy' must be a string: canary, linear, blueGreen or direct.");

    private static int Int(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw ModelOpsException.Invalid($"'{field}' must be a whole number.");

    private static TimeSpan Duration(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String && TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var span)
            ? span
            : throw ModelOpsException.Invalid($"'{field}' must be a duration such as \"00:10:00\".");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
