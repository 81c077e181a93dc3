using Microsoft.Extensions.Options;

namespace ModelOps.Inference;

/// <summary>Checks <see cref="InferenceOptions"/> at start-up (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class InferenceOptionsValidator : IValidateOptions<InferenceOptions>;
