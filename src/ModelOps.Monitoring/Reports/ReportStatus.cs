namespace ModelOps.Monitoring.Reports;

/// <summary>The statuses of a report.</summary>
public static class ReportStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string NoReference = "noReference";
    public const string Failed = "failed";
}
