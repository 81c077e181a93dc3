using Microsoft.Extensions.Options;

namespace ModelOps.Retraining;

/// <summary>Validates one <see cref="ExternalTrainerOptions"/> (generated from its data annotations).</summary>
[OptionsValidator]
public sealed partial class ExternalTrainerOptionsValidator : IValidateOptions<ExternalTrainerOptions>;
