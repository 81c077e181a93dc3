namespace ModelOps.Registry;

/// <summary>A version's approval, as in SageMaker's model registry.</summary>
public enum ApprovalStatus
{
    PendingManualApproval,
    Approved,
    Rejected,
}
