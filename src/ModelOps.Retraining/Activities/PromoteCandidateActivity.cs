using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Registry;
using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>Makes the registered candidate the model's <c>champion</c> (idempotent: setting the alias again changes nothing).</summary>
public sealed class PromoteCandidateActivity : CancellableActivity<StepRequest, int>
{
    public const string Name = "PromoteCandidate";

    private readonly ModelRegistry _registry;
    private readonly ILogger<PromoteCandidateActivity> _logger;

    public PromoteCandidateActivity(ModelRegistry registry, ILogger<PromoteCandidateActivity> logger,
        IHostApplicationLifetime lifetime)
        : base(lifetime)
    {
        _registry = registry;
        _logger = logger;
    }

    public override async Task<int> RunAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var version = input.Version ?? throw new InvalidOperationException("Promotion needs the registered version.");
        await _registry.SetAliasAsync(input.Run.Model, ModelRegistry.ChampionAlias, version, null, cancellationToken).ConfigureAwait(false);
        Log.Promoted(_logger, input.Run.Model, context.InstanceId, version);
        return version;
    }
}
