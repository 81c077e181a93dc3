using Microsoft.Extensions.Options;

namespace ModelOps.Http.Serving;

/// <summary>Validates <see cref="ServingOptions"/> at start-up (generated from its annotations).</summary>
[OptionsValidator]
public sealed partial class ServingOptionsValidator : IValidateOptions<ServingOptions>;
