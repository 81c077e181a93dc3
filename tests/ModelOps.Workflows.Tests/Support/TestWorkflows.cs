using System.Globalization;
using ModelOps.Storage;

namespace ModelOps.Workflows.Tests.Support;

/// <summary>The workflows and activities the runner tests run, registered by <see cref="RunnerHost"/>.</summary>
internal static class TestWorkflows
{
    /// <summary>Three effect steps in a row, with custom status after each.</summary>
    public sealed class Pipeline : IWorkflow<string, string>
    {
        public async Task<string> RunAsync(IWorkflowContext context, string input)
        {
            var done = new List<string>();
            foreach (var step in new[] { "validate", "train", "register" })
            {
                done.Add(await context.CallActivityAsync<string>(nameof(Effect), $"{input}/{step}").ConfigureAwait(true));
                context.SetCustomStatus(new { done = done.Count });
            }

            return string.Join(",", done);
        }
    }

    /// <summary>Retries a flaky activity, waits on a durable timer, then runs <see cref="Pipeline"/> as a child.</summary>
    public sealed class Composite : IWorkflow<string, string>
    {
        public async Task<string> RunAsync(IWorkflowContext context, string input)
        {
            var flaky = await context.CallActivityAsync<string>(
                nameof(Flaky),
                input,
                new RetryPolicy(3, TimeSpan.FromMilliseconds(200)) { BackoffCoefficient = 2 }).ConfigureAwait(true);
            await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(300)).ConfigureAwait(true);
            var child = await context.CallSubWorkflowAsync<string>(nameof(Pipeline), input).ConfigureAwait(true);
            return $"{flaky}|{child}";
        }
    }

    /// <summary>Waits for an Approval event (one minute at most).</summary>
    public sealed class Approval : IWorkflow<string, string>
    {
        public async Task<string> RunAsync(IWorkflowContext context, string input)
        {
            context.SetCustomStatus("waiting");
            try
            {
                var by = await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromMinutes(1)).ConfigureAwait(true);
                return $"approved by {by}";
            }
            catch (ExternalEventTimeoutException)
            {
                return "timed out";
            }
        }
    }

    /// <summary>Counts up to 3 through continue-as-new, one effect step per execution.</summary>
    public sealed class Counter : IWorkflow<int, int>
    {
        public async Task<int> RunAsync(IWorkflowContext context, int input)
        {
            await context.CallActivityAsync<string>(nameof(Effect), string.Create(CultureInfo.InvariantCulture, $"count/{input}")).ConfigureAwait(true);
            if (input < 3)
            {
                context.ContinueAsNew(input + 1);
            }

            return input;
        }
    }

    /// <summary>Calls <see cref="Effect"/> <c>input</c> times at once and waits for all.</summary>
    public sealed class FanOut : IWorkflow<int, int>
    {
        public async Task<int> RunAsync(IWorkflowContext context, int input)
        {
            var calls = Enumerable.Range(0, input)
                .Select(i => context.CallActivityAsync<string>(nameof(Effect), string.Create(CultureInfo.InvariantCulture, $"fan/{i}")))
                .ToList();
            var results = await Task.WhenAll(calls).ConfigureAwait(true);
            return results.Distinct(StringComparer.Ordinal).Count();
        }
    }

    /// <summary>
    /// The side effect under test: one row per idempotency key in the effects table (insert-if-absent), so however
    /// often it runs, a step has at most one effect. Optionally hangs once (a host killed mid-activity).
    /// </summary>
    public sealed class Effect(Probe probe, HostIdentity host, IMetadataStore tables) : IActivity<string, string>
    {
        public async Task<string> RunAsync(ActivityContext context, string input, CancellationToken cancellationToken = default)
        {
            probe.Executions.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1);
            probe.ByHost.AddOrUpdate(host.Name, 1, (_, n) => n + 1);
            try
            {
                var effect = new TableEntity(context.InstanceId, context.IdempotencyKey.Replace(':', '_')) { ["Step"] = input };
                await tables.InsertAsync(probe.EffectsTable, effect, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException ex) when (ex.Conflict == StorageConflict.AlreadyExists)
            {
                // Done by an earlier execution of this same call: the effect happens once.
            }

            if (input.EndsWith(probe.HangOnceOn ?? "\0", StringComparison.Ordinal) && probe.TryTakeHang())
            {
                probe.Hanging.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            return input;
        }
    }

    /// <summary>Fails while <see cref="Probe.FlakyFailures"/> lasts.</summary>
    public sealed class Flaky(Probe probe) : IActivity<string, string>
    {
        public Task<string> RunAsync(ActivityContext context, string input, CancellationToken cancellationToken = default)
        {
            probe.Executions.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1);
            return probe.FlakyFailures-- > 0
                ? throw new IOException("transient")
                : Task.FromResult("flaky ok");
        }
    }
}
