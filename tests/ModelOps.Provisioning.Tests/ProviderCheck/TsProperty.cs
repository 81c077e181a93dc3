namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>A property of a TypeScript interface or class in the provider's declarations: its name, type text and whether it may be left out.</summary>
public sealed record TsProperty(string Name, string TypeText, bool Optional);
