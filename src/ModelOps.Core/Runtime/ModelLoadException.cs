namespace ModelOps.Runtime;

/// <summary>The runtime could not load the bytes it was given as a model.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
