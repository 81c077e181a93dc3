using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using ModelOps.Registry;
using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>Reads the approval status of the version a run registered (the registry is the truth; events only wake the run).</summary>
public sealed class CheckApprovalActivity(ModelRegistry registry, IHostApplicationLifetime lifetime)
    : CancellableActivity<StepRequest, ApprovalStatus>(lifetime)
{
    public const string Name = "CheckApproval";

    public override async Task<ApprovalStatus> RunAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = input.Version ?? throw new InvalidOperationException("The approval check needs the registered version.");
        return (await registry.GetVersionAsync(input.Run.Model, version, cancellationToken).ConfigureAwait(false)).ApprovalStatus;
    }
}
