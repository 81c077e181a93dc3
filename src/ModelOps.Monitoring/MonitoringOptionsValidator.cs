using Microsoft.Extensions.Options;

namespace ModelOps.Monitoring;

/// <summary>Validates <see cref="MonitoringOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
public sealed partial class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>;
