using Microsoft.Extensions.Options;

namespace ModelOps.Workflows;

/// <summary>Checks <see cref="WorkflowOptions"/> at start-up (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>;
