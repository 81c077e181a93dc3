namespace ModelOps.Functions.Workflows;

/// <summary>The input of the one activity function: which activity, its JSON input, and what makes its idempotency key.</summary>
public sealed record ActivityEnvelope(string Name, string? Input, string InstanceId, int TaskId);
