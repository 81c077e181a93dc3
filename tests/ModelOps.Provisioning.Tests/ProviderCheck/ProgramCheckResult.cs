namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>What the check found, and how much it looked at (so a check that silently saw nothing cannot pass).</summary>
public sealed record ProgramCheckResult(
    IReadOnlyList<ProgramFinding> Findings,
    IReadOnlySet<string> ResourceTokens,
    int PropertiesChecked,
    int MembersChecked);
