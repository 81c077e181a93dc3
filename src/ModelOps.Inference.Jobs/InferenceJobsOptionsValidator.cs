using Microsoft.Extensions.Options;

namespace ModelOps.Inference.Jobs;

/// <summary>Checks <see cref="InferenceJobsOptions"/> at start-up (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class InferenceJobsOptionsValidator : IValidateOptions<InferenceJobsOptions>;
