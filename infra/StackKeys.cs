using Pulumi;

namespace ModelOps.Infra;

/// <summary>The ModelOps keys from the stack's secret config, written to Key Vault and never to app settings.</summary>
internal sealed record StackKeys(Output<string> AdminKey, Output<string> ApiKey);
