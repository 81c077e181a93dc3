using System.Collections.Concurrent;

namespace ModelOps.DurableTask.Tests.Support;

/// <summary>What the test activities saw, shared with the test through the host's services.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Counts a call under <paramref name="key"/> and returns the count so far, this call included.</summary>
    public int Count(string key) => _calls.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int CallsOf(string key) => _calls.GetValueOrDefault(key);

    /// <summary>Released by the test to let <see cref="TestTasks.Blocking"/> activities finish.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a blocking activity has started.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
