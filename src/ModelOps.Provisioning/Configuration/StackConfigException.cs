namespace ModelOps.Provisioning.Configuration;

/// <summary>A stack's config was refused before any resource was declared; <see cref="Errors"/> names every key at fault.</summary>
public sealed class StackConfigException : Exception
{
    public StackConfigException(IReadOnlyList<StackConfigError> errors)
        : base("Stack config is invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<StackConfigError> Errors { get; }
}
