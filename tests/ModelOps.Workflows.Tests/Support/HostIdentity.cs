namespace ModelOps.Workflows.Tests.Support;

/// <summary>Names the runner host an activity runs in.</summary>
public sealed record HostIdentity(string Name);
