namespace ModelOps.Storage;

/// <summary>Why a conditional storage operation did not happen.</summary>
public enum StorageConflict
{
    /// <summary>The item exists already (insert or create-only upload).</summary>
    AlreadyExists,

    /// <summary>The item changed since the ETag the caller holds (412).</summary>
    ETagMismatch,

    /// <summary>The item the condition names does not exist.</summary>
    NotFound,

    /// <summary>A lease is held by someone else, or the one given is not current.</summary>
    LeaseMismatch,
}
