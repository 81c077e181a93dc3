namespace ModelOps.Rollouts;

/// <summary>
/// How a model's retrained versions reach traffic (the training configuration's <c>rollout</c>): with it, a run that
/// promotes a candidate starts this rollout instead of pointing <c>champion</c> at it. Defaults: canary 10 % for ten minutes.
/// </summary>
public sealed record RolloutSettings
{
    public RolloutStrategy Strategy { get; init; } = RolloutStrategy.Canary;

    public int Percent { get; init; } = 10;

    public int StepPercent { get; init; } = 20;

    public TimeSpan BakeTime { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan? EvaluationInterval { get; init; }

    public GuardrailSettings Guardrails { get; init; } = GuardrailSettings.Default;

    /// <summary>The rollout request for <paramref name="version"/>.</summary>
    public RolloutRequest For(int version) => new()
    {
        Version = version,
        Strategy = Strategy,
        Percent = Percent,
        StepPercent = StepPercent,
        BakeTime = BakeTime,
        EvaluationInterval = EvaluationInterval,
        Guardrails = Guardrails,
    };
}
