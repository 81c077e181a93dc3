namespace ModelOps.Workflows.Persistence;

/// <summary>An input, result or event payload is too large to keep in a history row.</summary>
internal sealed class PayloadTooLargeException(string message) : Exception(message);
