namespace ModelOps.Retraining;

/// <summary>The trigger names recorded with every run.</summary>
public static class RetrainingTriggers
{
    public const string Blob = "blob";
    public const string Manual = "manual";
    public const string Schedule = "schedule";

    /// <summary>A monitoring check found dataset drift (retrain policy <c>retrain</c>).</summary>
    public const string Drift = "drift";

    /// <summary>A monitoring check found live quality degraded (retrain policy <c>retrain</c>).</summary>
    public const string Degradation = "degradation";
}
