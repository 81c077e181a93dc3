using Microsoft.Extensions.Options;

namespace ModelOps.Monitoring.Drift;

/// <summary>Validates <see cref="DriftSettings"/> from its data annotations and rules (source-generated).</summary>
[OptionsValidator]
public sealed partial class DriftSettingsValidator : IValidateOptions<DriftSettings>;
