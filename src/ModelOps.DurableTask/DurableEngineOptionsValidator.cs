using Microsoft.Extensions.Options;

namespace ModelOps.DurableTask;

/// <summary>Checks <see cref="DurableEngineOptions"/> at start-up (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class DurableEngineOptionsValidator : IValidateOptions<DurableEngineOptions>;
