using System.Globalization;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Workflows;

namespace ModelOps.Rollouts;

/// <summary>Starts, reads and steers rollouts (the hosts' one entry point; the orchestration does the rest).</summary>
public sealed class RolloutService(
    IRolloutStore store,
    TrafficPolicies traffic,
    ModelRegistry registry,
    IWorkflowClient workflows,
    Retraining.TrainingConfigurations configurations,
    IOptions<RolloutOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Starts rolling out <paramref name="request"/>'s version over what serves now (the policy's largest share, else the
    /// champion), judged by the request's guardrails, else the model's (its training configuration's
    /// <c>rollout.guardrails</c>), else the defaults. 409 when another rollout of the model is active.
    /// </summary>
    public async Task<Rollout> StartAsync(string model, RolloutRequest request, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ModelNames.EnsureValid(model);
        request.Validate();
        await registry.GetVersionAsync(model, request.Version, cancellationToken).ConfigureAwait(false);
        var current = await traffic.GetAsync(model, cancellationToken).ConfigureAwait(false);
        var baseline = await ServingVersionAsync(model, current, cancellationToken).ConfigureAwait(false);
        if (baseline == request.Version && request.Strategy == RolloutStrategy.Direct)
        {
            // The version serves already (a model's first version is its champion): a direct rollout just pins it.
            baseline = null;
        }
        else if (baseline == request.Version)
        {
            throw ModelOpsException.Conflict(string.Create(CultureInfo.InvariantCulture, $"Version {request.Version} of model '{model}' serves all traffic already."));
        }

        if (baseline is null && request.Strategy != RolloutStrategy.Direct)
        {
            throw ModelOpsException.Invalid($"'strategy': model '{model}' serves no version yet, so there is nothing to compare with or roll back to; use \"direct\".");
        }

        var guardrails = request.Guardrails
            ?? (await configurations.GetAsync(model, cancellationToken).ConfigureAwait(false))?.Configuration.Rollout?.Guardrails
            ?? GuardrailSettings.Default;
        var now = time.GetUtcNow();
        var rollout = new Rollout
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}"),
            Model = model,
            Version = request.Version,
            Baseline = baseline,
            Strategy = request.Strategy,
            Sticky = current?.Policy.Sticky,
            Percent = request.Percent,
            StepPercent = request.StepPercent,
            BakeTime = request.BakeTime,
            EvaluationInterval = request.EffectiveEvaluationInterval,
            ApprovalTimeout = options.Value.ApprovalTimeout,
            GuardrailSettings = guardrails,
            Steps = Rollout.PlanSteps(request.Strategy, request.Percent, request.StepPercent),
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await CreateAsync(rollout, cancellationToken).ConfigureAwait(false);
        try
        {
            await workflows.StartAsync(RolloutOrchestrator.Name, InstanceId(model, rollout.Id), rollout, new Dictionary<string, string> { ["model"] = model }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseAsync(model, rollout.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return rollout;
    }

    public async Task<Rollout> GetAsync(string model, string id, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        return await store.GetAsync(model, id, cancellationToken).ConfigureAwait(false)
            ?? throw ModelOpsException.NotFound($"Model '{model}' has no rollout '{id}'.");
    }

    public Task<IReadOnlyList<Rollout>> ListAsync(string model, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        return store.ListAsync(model, cancellationToken);
    }

    /// <summary>
    /// Sends a command to a running rollout: <c>approve</c> (only while it waits for approval: approves the version in the
    /// registry), <c>promote</c>, <c>rollback</c> (needs a previous version), <c>abort</c>. 409 when the rollout cannot take it.
    /// </summary>
    public async Task<Rollout> CommandAsync(string model, string id, string action, string caller, CancellationToken cancellationToken = default)
    {
        if (!RolloutActions.IsKnown(action))
        {
            throw ModelOpsException.NotFound($"'{action}' is not a rollout command (approve, promote, rollback, abort).");
        }

        var rollout = await GetAsync(model, id, cancellationToken).ConfigureAwait(false);
        if (rollout.IsFinished)
        {
            throw ModelOpsException.Conflict($"Rollout '{id}' of model '{model}' has ended ({rollout.Status}).");
        }

        switch (action)
        {
            case RolloutActions.Approve when rollout.Status != RolloutStatus.WaitingForApproval:
                throw ModelOpsException.Conflict($"Rollout '{id}' is not waiting for approval ({rollout.Status}).");
            case RolloutActions.Approve:
                await registry.UpdateVersionAsync(
                    model,
                    rollout.Version,
                    new ModelVersionPatch { ApprovalStatus = ApprovalStatus.Approved, ApprovalReason = $"Approved for rollout {id} by {caller}." },
                    null,
                    cancellationToken).ConfigureAwait(false);
                break;
            case RolloutActions.Rollback when rollout.Baseline is null:
                throw ModelOpsException.Conflict($"Model '{model}' has no previous version to roll back to.");
            case RolloutActions.Promote when rollout.Status != RolloutStatus.Running:
                throw ModelOpsException.Conflict($"Rollout '{id}' is {rollout.Status}: only a running rollout can be promoted.");
            default:
                break;
        }

        await workflows.RaiseEventAsync(InstanceId(model, id), RolloutOrchestrator.ControlEvent, action, cancellationToken).ConfigureAwait(false);
        return rollout;
    }

    /// <summary>The orchestration instance of a rollout.</summary>
    public static string InstanceId(string model, string id) => $"rollout-{model}-{id}";

    private async Task CreateAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(rollout, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception) when (exception.Conflict == StoreConflict.AlreadyExists)
        {
            var active = await store.GetActiveAsync(rollout.Model, cancellationToken).ConfigureAwait(false);
            var run = active is null ? null : await workflows.GetStatusAsync(InstanceId(rollout.Model, active), includeSteps: false, cancellationToken).ConfigureAwait(false);
            var record = active is null ? null : await store.GetAsync(rollout.Model, active, cancellationToken).ConfigureAwait(false);
            var orphaned = run is null ? record is null || record.CreatedAt < rollout.CreatedAt - TimeSpan.FromMinutes(1) : run.RuntimeStatus is WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;
            if (active is not null && orphaned)
            {
                // A rollout whose run never started or died: free its slot once, then try again.
                await store.ReleaseAsync(rollout.Model, active, cancellationToken).ConfigureAwait(false);
                await store.CreateAsync(rollout, cancellationToken).ConfigureAwait(false);
                return;
            }

            throw ModelOpsException.Conflict($"Model '{rollout.Model}' has an active rollout ('{active}'): wait for it, or roll it back or abort it first.");
        }
    }

    /// <summary>The version serving the largest share now: the policy's, else the champion; null when nothing serves.</summary>
    private async Task<int?> ServingVersionAsync(string model, StoredTrafficPolicy? current, CancellationToken cancellationToken)
    {
        if (current is { } stored)
        {
            return stored.Policy.Weights.OrderByDescending(w => w.Value).ThenByDescending(w => w.Key).First().Key;
        }

        try
        {
            return (await registry.ResolveAliasAsync(model, ModelRegistry.ChampionAlias, cancellationToken).ConfigureAwait(false)).Version;
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }
}
