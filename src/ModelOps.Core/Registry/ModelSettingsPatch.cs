namespace ModelOps.Registry;

/// <summary>A change to a model's own settings; null fields stay as they are.</summary>
public sealed record ModelSettingsPatch
{
    /// <summary>Whether a version must be Approved before it becomes champion or takes traffic.</summary>
    public bool? RequireApproval { get; init; }
}
