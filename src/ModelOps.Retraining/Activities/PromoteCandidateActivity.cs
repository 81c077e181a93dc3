using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Rollouts;
using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>
/// Makes the registered candidate the model's <c>champion</c> (idempotent: setting the alias again changes nothing), or,
/// when the training configuration has a <c>rollout</c>, starts that rollout of it (idempotent: a retry finds the rollout
/// this run started). Returns the version.
/// </summary>
public sealed class PromoteCandidateActivity : CancellableActivity<StepRequest, int>
{
    public const string Name = "PromoteCandidate";

    private readonly ModelRegistry _registry;
    private readonly ILogger<PromoteCandidateActivity> _logger;
    private readonly RolloutService? _rollouts;

    public PromoteCandidateActivity(ModelRegistry registry, ILogger<PromoteCandidateActivity> logger,
        IHostApplicationLifetime lifetime, RolloutService? rollouts = null)
        : base(lifetime)
    {
        _registry = registry;
        _logger = logger;
        _rollouts = rollouts;
    }

    public override async Task<int> RunAsync(TaskActivityContext context, StepRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var version = input.Version ?? throw new InvalidOperationException("Promotion needs the registered version.");
        if (input.Run.Configuration.Rollout is { } rollout && _rollouts is not null)
        {
            var request = rollout.For(version);
            if (await ChampionAsync(input.Run.Model, cancellationToken).ConfigureAwait(false) is not int champion || champion == version)
            {
                // The model's first version has nothing to compare with or fall back to: it serves at once.
                request = request with { Strategy = RolloutStrategy.Direct };
            }

            await StartRolloutAsync(_rollouts, input.Run.Model, request, "retraining:" + context.InstanceId, cancellationToken).ConfigureAwait(false);
            return version;
        }

        await _registry.SetAliasAsync(input.Run.Model, ModelRegistry.ChampionAlias, version, null, cancellationToken).ConfigureAwait(false);
        Log.Promoted(_logger, input.Run.Model, context.InstanceId, version);
        return version;
    }

    private async Task<int?> ChampionAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            return (await _registry.ResolveAliasAsync(model, ModelRegistry.ChampionAlias, cancellationToken).ConfigureAwait(false)).Version;
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static async Task StartRolloutAsync(RolloutService rollouts, string model, RolloutRequest request, string startedBy, CancellationToken cancellationToken)
    {
        try
        {
            await rollouts.StartAsync(model, request, startedBy, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.Conflict)
        {
            var existing = await rollouts.ListAsync(model, cancellationToken).ConfigureAwait(false);
            if (!existing.Any(r => r.CreatedBy == startedBy && r.Version == request.Version))
            {
                throw new RetrainingException($"The rollout of version {request.Version} could not start: {exception.Message}");
            }
        }
    }
}
