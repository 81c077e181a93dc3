namespace ModelOps.Rollouts;

/// <summary>The commands a running rollout takes (the payload of its <see cref="RolloutOrchestrator.ControlEvent"/>).</summary>
public static class RolloutActions
{
    public const string Approve = "approve";
    public const string Promote = "promote";
    public const string Rollback = "rollback";
    public const string Abort = "abort";

    public static bool IsKnown(string action) => action is Approve or Promote or Rollback or Abort;
}
