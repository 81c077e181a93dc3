using System.Collections.Concurrent;

namespace ModelOps.Workflows.Tests.Support;

/// <summary>What the test activities saw, shared by every runner host of one test.</summary>
public sealed class Probe
{
    private int _blocked;

    /// <summary>Executions per idempotency key (instance, execution, task).</summary>
    public ConcurrentDictionary<string, int> Executions { get; } = new(StringComparer.Ordinal);

    /// <summary>Activity executions per runner host.</summary>
    public ConcurrentDictionary<string, int> ByHost { get; } = new(StringComparer.Ordinal);

    /// <summary>The step input whose first execution hangs until the runner is stopped.</summary>
    public string? HangOnceOn { get; set; }

    /// <summary>Completes when the hanging execution has started (and written its effect).</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Failures left to inject into the Flaky activity.</summary>
    public int FlakyFailures { get; set; }

    public string EffectsTable { get; init; } = "effects";

    public bool TryTakeHang() => Interlocked.Exchange(ref _blocked, 1) == 0;
}
