using ModelOps.Workflows;

namespace ModelOps.Core.Tests.Workflows;

public sealed class StepAttemptsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static WorkflowStep Step(string name, int startSeconds, int? endSeconds, int attempts = 1) => new(
        name,
        endSeconds is null ? WorkflowStepStatus.Running : WorkflowStepStatus.Completed,
        attempts,
        T0.AddSeconds(startSeconds),
        endSeconds is { } end ? T0.AddSeconds(end) : null,
        endSeconds is { } e ? (e - startSeconds) * 1000L : null,
        null);

    private static StepAttempt Attempt(string step, int seconds) => new("run", step, T0.AddSeconds(seconds));

    [Fact]
    public void Apply_ExecutionDeliveredAgainAfterACrash_TwoAttemptsAndTheLastOnesDuration()
    {
        // Train was scheduled at 10 s, its worker died, the engine delivered it again at 70 s, and it ended at 100 s.
        var steps = new[] { Step("Validate", 0, 10), Step("Train", 10, 100) };

        var corrected = StepAttempts.Apply(steps, [Attempt("Validate", 0), Attempt("Train", 10), Attempt("Train", 70)]);

        Assert.Equal(steps[0], corrected[0]);
        Assert.Equal(2, corrected[1].Attempts);
        Assert.Equal(30_000, corrected[1].DurationMs);
        Assert.Equal(T0.AddSeconds(10), corrected[1].Start);
    }

    [Fact]
    public void Apply_RetriesTheHistoryCountedAlready_Unchanged()
    {
        var steps = new[] { Step("Train", 0, 50, attempts: 2) };

        Assert.Equal(steps, StepAttempts.Apply(steps, [Attempt("Train", 0), Attempt("Train", 20)]));
    }

    [Fact]
    public void Apply_SameNameTwiceInARun_EachCallCountsOnlyItsOwnWindow()
    {
        var steps = new[] { Step("Check", 0, 5), Step("Check", 100, null) };

        var corrected = StepAttempts.Apply(steps, [Attempt("Check", 0), Attempt("Check", 100), Attempt("Check", 160)]);

        Assert.Equal(1, corrected[0].Attempts);
        Assert.Equal(2, corrected[1].Attempts);
        Assert.Null(corrected[1].DurationMs);
    }

    [Fact]
    public void Apply_NoRecords_TheHistoryAsItIs()
    {
        var steps = new[] { Step("Train", 0, 50) };

        Assert.Same(steps, StepAttempts.Apply(steps, []));
    }
}
