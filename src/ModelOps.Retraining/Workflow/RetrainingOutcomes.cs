namespace ModelOps.Retraining;

/// <summary>How a completed retraining run ended.</summary>
public static class RetrainingOutcomes
{
    /// <summary>Registered and made champion.</summary>
    public const string Promoted = "promoted";

    /// <summary>The candidate passed and a rollout of it started (the model's configuration has a <c>rollout</c>).</summary>
    public const string RolloutStarted = "rollout-started";

    /// <summary>The promotion rule refused the candidate; nothing registered.</summary>
    public const string Rejected = "rejected";

    /// <summary>The data and the training configuration are those the champion was trained on; nothing trained or registered.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>Registered, but a reviewer rejected it (the model requires approval); the champion stays.</summary>
    public const string RejectedByReviewer = "rejected-by-reviewer";

    /// <summary>Registered, but not approved within the approval timeout; it stays registered and pending, the champion stays.</summary>
    public const string ApprovalTimedOut = "approval-timeout";
}
