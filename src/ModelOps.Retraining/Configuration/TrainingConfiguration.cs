using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Retraining;

/// <summary>
/// How a model is retrained (<c>PUT /api/models/{model}/training</c>). The field names are part of the public contract:
/// <c>{"label","task","features","trainer","parameters","holdoutFraction","seed","metric","promotion"}</c>, plus
/// <c>externalTrainer</c> (the name of an operator-declared trainer) for <c>"trainer":"external"</c> and an optional
/// six-field NCRONTAB <c>schedule</c>. There is no command: what runs is the operator's configuration, never a request's.
/// </summary>
public sealed record TrainingConfiguration
{
    /// <summary>The label column.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary><c>binary</c>, <c>multiclass</c> or <c>regression</c>.</summary>
    public string Task { get; init; } = string.Empty;

    /// <summary>The feature columns; null means every column but the label.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary><c>logistic</c>, <c>linear</c>, <c>gbt</c> or <c>external</c>.</summary>
    public string Trainer { get; init; } = string.Empty;

    /// <summary>
    /// Hyper-parameters by name, passed to the trainer as data (a JSON file and variable, and scalar values into the
    /// <c>{param:NAME}</c> placeholders an external trainer declares), never as a command line.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }

    /// <summary>The share of rows held out for evaluation (strictly between 0 and 1). Default 0.25.</summary>
    public double HoldoutFraction { get; init; } = 0.25;

    /// <summary>Seeds the held-out split (and any randomness of the trainer). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The metric that decides (see <see cref="Evaluation.MetricNames"/>).</summary>
    public string Metric { get; init; } = string.Empty;

    /// <summary>The promotion rule on <see cref="Metric"/>.</summary>
    public PromotionSettings Promotion { get; init; } = new();

    /// <summary>For <c>external</c>: the name of a trainer declared in <c>ModelOps:Retraining:ExternalTrainers</c>.</summary>
    public string? ExternalTrainer { get; init; }

    /// <summary>
    /// An optional six-field cron expression (sec min hour day month day-of-week), the Functions timer format,
    /// evaluated in <see cref="ScheduleTimeZone"/>.
    /// </summary>
    public string? Schedule { get; init; }

    /// <summary>The IANA time zone <see cref="Schedule"/> is read in (e.g. <c>Europe/Berlin</c>). Default UTC.</summary>
    public string? ScheduleTimeZone { get; init; }

    /// <summary>
    /// When the model requires approval: how long a registered candidate waits for a reviewer before the run ends with
    /// <c>approval-timeout</c> (a TimeSpan, e.g. <c>3.00:00:00</c>). Default 7 days.
    /// </summary>
    public TimeSpan? ApprovalTimeout { get; init; }

    /// <summary>
    /// How a promoted candidate reaches traffic: a rollout (e.g. <c>{"strategy": "canary", "percent": 10, "bakeTime":
    /// "00:10:00"}</c>) instead of pointing <c>champion</c> at it at once. Null: champion at once.
    /// </summary>
    public Rollouts.RolloutSettings? Rollout { get; init; }

    /// <summary>
    /// A fingerprint of everything that decides what is trained (label, task, features, trainer, parameters, hold-out
    /// share, seed, the external trainer's name): two runs on the same data with the same fingerprint train the same model.
    /// </summary>
    public string TrainingFingerprint() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        JsonSerializer.SerializeToUtf8Bytes(new { Label, Task, Features, Trainer, Parameters, HoldoutFraction, Seed, ExternalTrainer }, Serialization.ModelOpsJson.Options)));

    /// <summary>Whether <see cref="Trainer"/> is an operator-declared external trainer.</summary>
    [JsonIgnore]
    public bool IsExternal => string.Equals(Trainer, TrainerNames.External, StringComparison.Ordinal);
}
