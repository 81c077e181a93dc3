using Microsoft.Extensions.Options;

namespace ModelOps.Http.Security;

/// <summary>Validates <see cref="AuthOptions"/> at start-up (generated from its annotations and <see cref="AuthOptions.Validate"/>).</summary>
[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
