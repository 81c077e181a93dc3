using Microsoft.Extensions.Options;

namespace ModelOps.Monitoring.Settings;

/// <summary>Validates <see cref="MonitoringSettings"/> from its data annotations and rules (source-generated).</summary>
[OptionsValidator]
public sealed partial class MonitoringSettingsValidator : IValidateOptions<MonitoringSettings>;
