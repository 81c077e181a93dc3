using System.Globalization;
using Microsoft.DurableTask;
using ModelOps.Registry;

namespace ModelOps.Rollouts;

/// <summary>
/// A rollout as a Durable Task orchestration: warm the candidate, wait durably for its approval when it needs one, then
/// move traffic step by step (canary, linear, blue-green or direct), each step baking on a durable timer while the
/// guardrails compare the candidate's live numbers with the baseline's every evaluation interval. A breach, or a
/// <c>rollback</c>/<c>abort</c> command, restores the baseline at once; <c>promote</c> skips to all traffic. Deterministic:
/// time, timers and events come from the context, every effect from an activity.
/// </summary>
public sealed class RolloutOrchestrator : TaskOrchestrator<Rollout, Rollout>
{
    public const string Name = "Rollout";

    /// <summary>The event carrying a command (<see cref="RolloutActions"/>).</summary>
    public const string ControlEvent = "control";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<Rollout> RunAsync(TaskOrchestrationContext context, Rollout input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var rollout = input;
        var ready = await context.CallActivityAsync<RolloutReadiness>(PrepareRolloutActivity.Name, rollout, Retry).ConfigureAwait(true);
        if (ready.Approval == ApprovalStatus.PendingManualApproval)
        {
            rollout = await SaveAsync(context, rollout with { Status = RolloutStatus.WaitingForApproval, Reason = "The version awaits approval." }).ConfigureAwait(true);

            // The deadline is on the hosts' clock (the injected TimeProvider), looked at on every wake: an approve
            // command wakes the rollout at once, an approval through the registry within one check interval.
            var deadline = ready.At + rollout.ApprovalTimeout;
            var check = ApprovalCheckInterval(rollout);
            while (ready.Approval == ApprovalStatus.PendingManualApproval && ready.At < deadline)
            {
                var left = deadline - ready.At;
                var action = await NextCommandAsync(context, context.CurrentUtcDateTime + (left < check ? left : check)).ConfigureAwait(true);
                if (action is RolloutActions.Abort or RolloutActions.Rollback)
                {
                    return await SaveAsync(context, rollout with { Status = RolloutStatus.Aborted, Reason = "Aborted while waiting for approval." }).ConfigureAwait(true);
                }

                ready = await context.CallActivityAsync<RolloutReadiness>(PrepareRolloutActivity.Name, rollout, Retry).ConfigureAwait(true);
            }
        }

        if (ready.Approval != ApprovalStatus.Approved)
        {
            var why = ready.Approval == ApprovalStatus.Rejected
                ? "The version was rejected."
                : string.Create(CultureInfo.InvariantCulture, $"No approval came before the timeout ({rollout.ApprovalTimeout}).");
            return await SaveAsync(context, rollout with { Status = RolloutStatus.Aborted, Reason = why }).ConfigureAwait(true);
        }

        rollout = rollout with { Status = RolloutStatus.Running, Reason = null };
        for (var index = 0; index < rollout.Steps.Count; index++)
        {
            var step = rollout.Steps[index];
            if (step.Percent == 100 && !step.Mirror)
            {
                break;
            }

            rollout = Started(context, rollout, index, string.Create(CultureInfo.InvariantCulture, $"Step {index + 1}: {Describe(step)}."));
            rollout = await SaveAsync(context, rollout, Traffic(rollout, step), ChangeId(rollout, index)).ConfigureAwait(true);
            var outcome = await BakeAsync(context, rollout).ConfigureAwait(true);
            rollout = outcome.Rollout;
            if (outcome.Action == RolloutActions.Promote)
            {
                break;
            }

            if (outcome.Action is not null)
            {
                rollout = await RollBackAsync(context, rollout, outcome.Action == RolloutActions.Abort ? RolloutStatus.Aborted : RolloutStatus.RolledBack).ConfigureAwait(true);
                if (outcome.Breach is { } breach)
                {
                    await AlertAsync(context, rollout, breach).ConfigureAwait(true);
                }

                return rollout;
            }

            rollout = Ended(context, rollout, index);
        }

        var last = rollout.Steps.Count - 1;
        rollout = Started(context, rollout, last, "The candidate serves all traffic.");
        rollout = Ended(context, rollout with { Status = RolloutStatus.Succeeded }, last);
        return await SaveAsync(context, rollout, TrafficPolicy.Single(rollout.Version) with { Sticky = rollout.Sticky }, ChangeId(rollout, last), setChampion: true).ConfigureAwait(true);
    }

    /// <summary>
    /// Waits out the current step's bake time (on the hosts' clock, read with the live numbers), evaluating the error-rate
    /// and latency guardrails every interval and, when the bake time is over, the prediction guardrails (distribution
    /// shift, live quality) over the whole step. Returns the command that ended it early (rollback for a breach, with
    /// the breaching reading), or null when it baked cleanly.
    /// </summary>
    private static async Task<(Rollout Rollout, string? Action, GuardrailReading? Breach)> BakeAsync(TaskOrchestrationContext context, Rollout rollout)
    {
        var numbers = new LiveNumbersRequest(rollout.Model, rollout.Version, rollout.Baseline!.Value);
        var start = await context.CallActivityAsync<LiveNumbers>(ReadLiveNumbersActivity.Name, numbers, Retry).ConfigureAwait(true);
        var end = start.At + rollout.BakeTime;
        var at = start.At;
        bool baked;
        do
        {
            var left = end - at;
            if (left > TimeSpan.Zero)
            {
                var action = await NextCommandAsync(context, context.CurrentUtcDateTime + (left < rollout.EvaluationInterval ? left : rollout.EvaluationInterval)).ConfigureAwait(true);
                if (action is RolloutActions.Promote)
                {
                    return (rollout with { Reason = "Promoted by command." }, action, null);
                }

                if (action is RolloutActions.Rollback or RolloutActions.Abort)
                {
                    return (rollout with { Reason = action == RolloutActions.Abort ? "Aborted by command." : "Rolled back by command." }, action, null);
                }
            }

            var now = await context.CallActivityAsync<LiveNumbers>(ReadLiveNumbersActivity.Name, numbers, Retry).ConfigureAwait(true);
            at = now.At;
            var readings = Guardrails.Evaluate(rollout.GuardrailSettings, now.Candidate.Since(start.Candidate), now.Baseline.Since(start.Baseline), at).ToList();
            baked = at >= end;
            if (baked)
            {
                var request = new PredictionComparisonRequest(rollout.Model, rollout.Version, rollout.Baseline.Value, start.At, at, rollout.GuardrailSettings.QualityMetric);
                var comparison = await context.CallActivityAsync<PredictionComparison>(ComparePredictionsActivity.Name, request, Retry).ConfigureAwait(true);
                readings.AddRange(Guardrails.Compare(rollout.GuardrailSettings, comparison, at));
            }

            if (readings.Count > 0)
            {
                rollout = rollout with { Guardrails = readings };
            }

            if (readings.FirstOrDefault(r => r.Breached) is { } breach)
            {
                var reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Guardrail {breach.Metric} breached: candidate {breach.Candidate:0.####} against baseline {breach.Baseline:0.####} (limit {breach.Limit:0.####}) over {breach.CandidateRequests} candidate and {breach.BaselineRequests} baseline requests.");
                return (rollout with { Reason = breach.Note is { } note ? reason + " " + note : reason }, RolloutActions.Rollback, breach);
            }
        }
        while (!baked);

        return (rollout, null, null);
    }

    /// <summary>
    /// Raises the breach's alert through the monitoring alert path. The rollback has taken effect already; an alert
    /// that cannot be raised (after retries) leaves the rollout as it is.
    /// </summary>
    private static async Task AlertAsync(TaskOrchestrationContext context, Rollout rollout, GuardrailReading breach)
    {
        try
        {
            await context.CallActivityAsync<string>(RaiseRolloutAlertActivity.Name, new RolloutAlert(rollout, breach), Retry).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // Recorded by the engine as the activity's failure; the rollback stands.
        }
    }

    /// <summary>How often a rollout waiting for approval looks at the clock and the registry: a hundredth of the timeout,
    /// at least one evaluation interval, at most an hour (so a week's wait costs about 170 wakes).</summary>
    private static TimeSpan ApprovalCheckInterval(Rollout rollout)
    {
        var check = rollout.ApprovalTimeout / 100;
        check = check > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : check;
        return check < rollout.EvaluationInterval ? rollout.EvaluationInterval : check;
    }

    /// <summary>The next command, or null when <paramref name="until"/> comes first.</summary>
    private static async Task<string?> NextCommandAsync(TaskOrchestrationContext context, DateTime until)
    {
        using var cancel = new CancellationTokenSource();
        var command = context.WaitForExternalEvent<string>(ControlEvent, cancel.Token);
        var timer = context.CreateTimer(until, cancel.Token);
        var first = await Task.WhenAny(command, timer).ConfigureAwait(true);
        cancel.Cancel();
        return first == command ? await command.ConfigureAwait(true) : null;
    }

    private static async Task<Rollout> RollBackAsync(TaskOrchestrationContext context, Rollout rollout, RolloutStatus status)
    {
        rollout = rollout with { Status = status, CurrentPercent = 0, Steps = [.. rollout.Steps.Select(s => s.StartedAt is not null && s.EndedAt is null ? s with { EndedAt = context.CurrentUtcDateTime } : s)] };
        return await SaveAsync(context, rollout, TrafficPolicy.Single(rollout.Baseline!.Value) with { Sticky = rollout.Sticky }, rollout.Id + "-rollback").ConfigureAwait(true);
    }

    private static TrafficPolicy Traffic(Rollout rollout, RolloutStep step)
    {
        var baseline = rollout.Baseline!.Value;
        if (step.Mirror)
        {
            return new TrafficPolicy(new Dictionary<int, int> { [baseline] = 100 }, rollout.Sticky, new TrafficMirror(rollout.Version, 100));
        }

        return new TrafficPolicy(new Dictionary<int, int> { [baseline] = 100 - step.Percent, [rollout.Version] = step.Percent }, rollout.Sticky);
    }

    private static Rollout Started(TaskOrchestrationContext context, Rollout rollout, int index, string reason)
    {
        var steps = rollout.Steps.ToArray();
        steps[index] = steps[index] with { StartedAt = context.CurrentUtcDateTime };
        return rollout with { Steps = steps, CurrentPercent = steps[index].Percent, Reason = reason };
    }

    private static Rollout Ended(TaskOrchestrationContext context, Rollout rollout, int index)
    {
        var steps = rollout.Steps.ToArray();
        steps[index] = steps[index] with { EndedAt = context.CurrentUtcDateTime };
        return rollout with { Steps = steps };
    }

    private static string ChangeId(Rollout rollout, int index) => string.Create(CultureInfo.InvariantCulture, $"{rollout.Id}-{index}");

    private static string Describe(RolloutStep step) =>
        step.Mirror ? "a mirrored copy of all requests" : string.Create(CultureInfo.InvariantCulture, $"{step.Percent} % of requests");

    private static async Task<Rollout> SaveAsync(TaskOrchestrationContext context, Rollout rollout, TrafficPolicy? traffic = null, string? changeId = null, bool setChampion = false)
    {
        rollout = rollout with { UpdatedAt = context.CurrentUtcDateTime };
        await context.CallActivityAsync<bool>(UpdateRolloutActivity.Name, new RolloutUpdate(rollout, traffic, changeId, setChampion), Retry).ConfigureAwait(true);
        return rollout;
    }
}
