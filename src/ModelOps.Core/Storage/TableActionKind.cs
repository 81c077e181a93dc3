namespace ModelOps.Storage;

/// <summary>What one action in an entity-group transaction does.</summary>
public enum TableActionKind
{
    Insert,
    Upsert,
    Replace,
    Merge,
    Delete,
}
