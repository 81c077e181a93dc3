namespace ModelOps.Cli;

/// <summary>A mistake on the command line or in a local input file (exit code <see cref="ExitCodes.Usage"/>).</summary>
public sealed class UsageException(string message) : Exception(message);
