namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// An expected reason for a batch job to fail (no input files, an empty file, a missing column, too many bad rows): final,
/// never retried, its message shown as the run's error.
/// </summary>
public sealed class BatchTransformException : Exception
{
    public BatchTransformException(string message)
        : base(message)
    {
    }

    public BatchTransformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
