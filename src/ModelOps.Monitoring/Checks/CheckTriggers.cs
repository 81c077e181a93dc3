namespace ModelOps.Monitoring.Checks;

/// <summary>What started a check.</summary>
public static class CheckTriggers
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
}
