using Microsoft.Extensions.Options;

namespace ModelOps.Retraining;

/// <summary>Validates <see cref="RetrainingOptions"/> at start-up (generated from its data annotations).</summary>
[OptionsValidator]
public sealed partial class RetrainingOptionsValidator : IValidateOptions<RetrainingOptions>;
