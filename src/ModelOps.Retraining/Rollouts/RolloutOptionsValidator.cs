using Microsoft.Extensions.Options;

namespace ModelOps.Rollouts;

/// <summary>Validates <see cref="RolloutOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class RolloutOptionsValidator : IValidateOptions<RolloutOptions>;
