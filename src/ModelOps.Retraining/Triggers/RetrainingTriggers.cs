namespace ModelOps.Retraining;

/// <summary>The trigger names recorded with every run.</summary>
public static class RetrainingTriggers
{
    public const string Blob = "blob";
    public const string Manual = "manual";
    public const string Schedule = "schedule";
}
