using Microsoft.Extensions.Options;

namespace ModelOps.Workflows;

/// <summary>Validates <see cref="WorkflowRunnerOptions"/> from its data annotations (source-generated).</summary>
[OptionsValidator]
public sealed partial class WorkflowRunnerOptionsValidator : IValidateOptions<WorkflowRunnerOptions>;
