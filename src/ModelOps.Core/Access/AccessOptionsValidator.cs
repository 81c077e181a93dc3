using Microsoft.Extensions.Options;

namespace ModelOps.Access;

/// <summary>Validates <see cref="AccessOptions"/> at start-up (generated from its data annotations).</summary>
[OptionsValidator]
public sealed partial class AccessOptionsValidator : IValidateOptions<AccessOptions>;
