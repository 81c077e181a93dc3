using Microsoft.Extensions.Options;

namespace ModelOps.Rollouts;

/// <summary>Validates <see cref="TrafficOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class TrafficOptionsValidator : IValidateOptions<TrafficOptions>;
