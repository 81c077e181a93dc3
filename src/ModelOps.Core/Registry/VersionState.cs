namespace ModelOps.Registry;

/// <summary>
/// A version record is written as Pending before its artifact and flipped to Ready after, so a crash in between
/// leaves a number that is never listed or served rather than a listed version without a model.
/// </summary>
public enum VersionState
{
    Pending,
    Ready,
}
