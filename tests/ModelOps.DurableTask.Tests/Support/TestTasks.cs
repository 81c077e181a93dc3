using Microsoft.DurableTask;

namespace ModelOps.DurableTask.Tests.Support;

/// <summary>Small orchestrations and activities that exercise one engine feature each.</summary>
public static class TestTasks
{
    public const string Echo = "Echo";
    public const string Flaky = "Flaky";
    public const string Failing = "Failing";
    public const string Unreadable = "Unreadable";
    public const string WaitForApproval = "WaitForApproval";
    public const string Parent = "Parent";
    public const string Child = "Child";
    public const string Blocking = "Blocking";
    public const string WhoRuns = "WhoRuns";
    public const string Sleep = "Sleep";

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestratorFunc<int, int>(Echo, async (context, input) =>
            {
                context.SetCustomStatus(new { stage = "doubling" });
                var doubled = await context.CallActivityAsync<int>(nameof(DoubleActivity), input).ConfigureAwait(true);
                context.SetCustomStatus(new { stage = "done" });
                return doubled;
            })
            .AddOrchestratorFunc<string, int>(Flaky, (context, key) => context.CallActivityAsync<int>(
                nameof(FailOnceActivity), key, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(200)))))
            .AddOrchestratorFunc<string, int>(Failing, (context, _) => context.CallActivityAsync<int>(nameof(AlwaysFailsActivity), "x"))
            .AddOrchestratorFunc<string, int>(Unreadable, (context, _) => context.CallActivityAsync<int>(nameof(UnreadableFailureActivity), "x"))
            .AddOrchestratorFunc<double, string>(WaitForApproval, async (context, seconds) =>
            {
                using var timeout = new CancellationTokenSource();
                var approval = context.WaitForExternalEvent<Approval>("approve", timeout.Token);
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(seconds), timeout.Token);
                var winner = await Task.WhenAny(approval, timer).ConfigureAwait(true);
                timeout.Cancel();
                return winner == approval ? $"approved by {(await approval.ConfigureAwait(true)).By}" : "timed out";
            })
            .AddOrchestratorFunc<string, string?>(Parent, (context, _) => context.CallSubOrchestratorAsync<string?>(Child, "from parent"))
            .AddOrchestratorFunc<string, string?>(Child, (context, _) => Task.FromResult(context.Parent?.InstanceId))
            .AddOrchestratorFunc<string, string>(Blocking, (context, _) => context.CallActivityAsync<string>(nameof(BlockingActivity), "x"))
            .AddOrchestratorFunc<string, string>(WhoRuns, (context, _) => context.CallActivityAsync<string>(nameof(WorkerIdActivity), context.InstanceId))
            .AddOrchestratorFunc<double, string>(Sleep, async (context, seconds) =>
            {
                await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None).ConfigureAwait(true);
                return "woke";
            })
            .AddActivity<DoubleActivity>()
            .AddActivity<FailOnceActivity>()
            .AddActivity<AlwaysFailsActivity>()
            .AddActivity<UnreadableFailureActivity>()
            .AddActivity<BlockingActivity>()
            .AddActivity<WorkerIdActivity>();
    }

    public sealed record Approval(string By);

    public sealed class DoubleActivity : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * 2);
    }

    public sealed class FailOnceActivity(TestProbe probe) : TaskActivity<string, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, string input)
        {
            var call = probe.Count(input);
            return call == 1 ? throw new InvalidOperationException("first attempt fails") : Task.FromResult(call);
        }
    }

    public sealed class AlwaysFailsActivity : TaskActivity<string, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, string input) =>
            throw new ArgumentException("the input is not acceptable");
    }

    /// <summary>Throws an exception that cannot even tell its own message.</summary>
    public sealed class UnreadableFailureActivity : TaskActivity<string, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, string input) => throw new UnreadableException();
    }

    public sealed class BlockingActivity(TestProbe probe) : TaskActivity<string, string>
    {
        public override async Task<string> RunAsync(TaskActivityContext context, string input)
        {
            probe.Entered.TrySetResult();
            await probe.Gate.Task.ConfigureAwait(false);
            return "released";
        }
    }

    public sealed class WorkerIdActivity(DurableEngine engine, TestProbe probe) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input)
        {
            probe.Count(input);
            return Task.FromResult(engine.WorkerId);
        }
    }

#pragma warning disable CA1032, CA1064 // A test double: it exists to misbehave.
    private sealed class UnreadableException : Exception
    {
        public override string Message => throw new InvalidOperationException("no message for you");

        public override string? StackTrace => throw new InvalidOperationException("no stack either");
    }
#pragma warning restore CA1032, CA1064
}
