namespace ModelOps.Registry;

/// <summary>
/// A version record is written as Pending before its artifact and flipped to Ready after, so a crash in between leaves
/// a number that is never listed or served (and that recovery finishes or releases) rather than a listed version
/// without a model. A deleted version stays as a Deleted tombstone, so its number is never given again.
/// </summary>
public enum VersionState
{
    Pending,
    Ready,
    Deleted,
}
