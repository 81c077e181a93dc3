namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>A resource class of the provider: its class name, type token (<c>azure-native:app:ContainerApp</c>) and output properties.</summary>
public sealed record ProviderResource(string Module, string ClassName, string Token, TsInterface Outputs);
