namespace ModelOps.Workflows;

/// <summary>
/// How a failed activity call is retried: after attempt n fails, wait
/// <c>min(FirstRetryInterval * BackoffCoefficient^(n-1), MaxRetryInterval)</c> on a durable timer, up to
/// <see cref="MaxAttempts"/> attempts in all (the Durable Functions <c>RetryOptions</c> semantics).
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan firstRetryInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRetryInterval, TimeSpan.Zero);
        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
    }

    /// <summary>Attempts in all, the first included (1 = no retry).</summary>
    public int MaxAttempts { get; }

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Each further wait is the previous one times this (default 1: constant interval).</summary>
    public double BackoffCoefficient { get; init; } = 1;

    /// <summary>No wait is longer than this (default: one day).</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Which failures to retry (default: all). Must be deterministic: decide on the failure details only.</summary>
    public Func<WorkflowFailureDetails, bool>? Handle { get; init; }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan GetDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ms = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 1);
        if (double.IsNaN(ms) || ms >= MaxRetryInterval.TotalMilliseconds)
        {
            return MaxRetryInterval;
        }

        return TimeSpan.FromMilliseconds(ms);
    }
}
