namespace ModelOps.Inference.Jobs.Queue;

/// <summary>What handling one queue message came to; in every case the message is done with and may be removed.</summary>
public enum QueuedInferenceOutcome
{
    /// <summary>The model answered and the result was written.</summary>
    Succeeded,

    /// <summary>The request was bad (unknown model, inputs that do not fit...): a Failed result was written.</summary>
    Failed,

    /// <summary>A result for the message's id existed already: nothing was done.</summary>
    Duplicate,

    /// <summary>The message names no place for a result (not JSON, no valid id or model): it was copied to the poison queue.</summary>
    Rejected,
}
