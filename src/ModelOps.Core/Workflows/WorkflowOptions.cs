using System.ComponentModel.DataAnnotations;

namespace ModelOps.Workflows;

/// <summary>How long ended runs are kept, whichever engine runs them.</summary>
public sealed class WorkflowOptions
{
    /// <summary>Ended runs created longer ago than this are purged (history, status and index entry). Default 30 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);
}
