namespace ModelOps.Workflows.Runner;

/// <summary>What becomes of a queue message once it has been worked on.</summary>
internal enum WorkItemDisposition
{
    /// <summary>Done (or stale): delete the message.</summary>
    Complete,

    /// <summary>Lost a race: make the message visible again after a short delay.</summary>
    RetrySoon,

    /// <summary>Stopped part-way (shutdown): leave the message to reappear after its visibility timeout.</summary>
    Abandon,
}
