using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>
/// Wakes the retraining run that registered a version when its approval changes, so a run waiting for a reviewer
/// promotes (or stops) at once instead of at its next hourly look.
/// </summary>
public sealed class ApprovalNotifier(IWorkflowClient workflows)
{
    /// <summary>Raises the approval event at the run named in the version's <c>runId</c> tag; nothing when there is none or it has ended.</summary>
    public async Task NotifyAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!version.Tags.TryGetValue("runId", out var runId))
        {
            return;
        }

        try
        {
            await workflows.RaiseEventAsync(runId, RetrainingOrchestrator.ApprovalEvent, version.ApprovalStatus.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            // The run was purged or has ended: no one is waiting.
        }
    }
}
