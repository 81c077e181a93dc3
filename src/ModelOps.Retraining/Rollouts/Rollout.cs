namespace ModelOps.Rollouts;

/// <summary>A rollout of <see cref="Version"/> over <see cref="Baseline"/>, as the API shows it and the store keeps it.</summary>
public sealed record Rollout
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    /// <summary>The candidate.</summary>
    public required int Version { get; init; }

    /// <summary>The version it replaces (what a rollback restores); null when the model served nothing before (direct only).</summary>
    public int? Baseline { get; init; }

    public required RolloutStrategy Strategy { get; init; }

    /// <summary>The stickiness of the policy the rollout started from, kept at every step.</summary>
    public StickyRouting? Sticky { get; init; }

    public RolloutStatus Status { get; init; } = RolloutStatus.Running;

    /// <summary>The candidate's share of requests now.</summary>
    public int CurrentPercent { get; init; }

    /// <summary>Canary share. Default 10.</summary>
    public int Percent { get; init; } = 10;

    /// <summary>Linear step. Default 20.</summary>
    public int StepPercent { get; init; } = 20;

    /// <summary>Per step. Default ten minutes.</summary>
    public TimeSpan BakeTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often guardrails are evaluated during a bake time (a breach rolls back within one interval).</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a version awaiting approval is waited for before the rollout is Aborted.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromDays(7);

    public GuardrailSettings GuardrailSettings { get; init; } = GuardrailSettings.Default;

    public IReadOnlyList<RolloutStep> Steps { get; init; } = [];

    /// <summary>The latest readings (every evaluation while running; the breaching one after a rollback).</summary>
    public IReadOnlyList<GuardrailReading> Guardrails { get; init; } = [];

    /// <summary>Why it stands where it stands (a breach's numbers, who rolled back, an approval timeout).</summary>
    public string? Reason { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether the rollout has ended.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is RolloutStatus.Succeeded or RolloutStatus.RolledBack or RolloutStatus.Aborted;

    /// <summary>The steps of a strategy: percents of the candidate, ending at 100.</summary>
    public static IReadOnlyList<RolloutStep> PlanSteps(RolloutStrategy strategy, int percent, int stepPercent) => strategy switch
    {
        RolloutStrategy.Canary => [new(percent), new(100)],
        RolloutStrategy.Linear => [.. Enumerable.Range(1, (100 + stepPercent - 1) / stepPercent).Select(i => new RolloutStep(Math.Min(100, i * stepPercent)))],
        RolloutStrategy.BlueGreen => [new(0, Mirror: true), new(100)],
        _ => [new(100)],
    };
}
