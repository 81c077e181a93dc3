namespace ModelOps.Errors;

/// <summary>Why a conditional write to a store did not happen.</summary>
public enum StoreConflict
{
    /// <summary>The record exists already (a create).</summary>
    AlreadyExists,

    /// <summary>The record changed since the concurrency token the caller holds.</summary>
    Changed,

    /// <summary>The record the condition names does not exist.</summary>
    NotFound,
}
