using Microsoft.Extensions.Options;

namespace ModelOps.Registry;

/// <summary>Checks <see cref="RegistryOptions"/> at start-up (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class RegistryOptionsValidator : IValidateOptions<RegistryOptions>;
