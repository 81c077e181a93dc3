using Microsoft.Extensions.Options;

namespace ModelOps.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at start-up (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
