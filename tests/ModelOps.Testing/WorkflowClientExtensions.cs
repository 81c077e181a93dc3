using ModelOps.Workflows;

namespace ModelOps.Testing;

/// <summary>Waiting for runs in tests.</summary>
public static class WorkflowClientExtensions
{
    /// <summary>
    /// Polls the run's status every 50 ms until it has ended (Completed, Failed or Terminated) and returns it with its
    /// steps. Throws <see cref="TimeoutException"/> with the last status seen after <paramref name="timeout"/> (default 2 min).
    /// </summary>
    public static async Task<WorkflowInstance> WaitForEndAsync(this IWorkflowClient client, string id, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        WorkflowInstance? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetStatusAsync(id);
            if (last?.IsTerminal == true)
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Run '{id}' did not end in time; last status: {last?.RuntimeStatus.ToString() ?? "none"}, custom status {last?.CustomStatus}.");
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the run's status (which may be null: no such run yet).</summary>
    public static async Task<WorkflowInstance?> WaitForAsync(
        this IWorkflowClient client,
        string id,
        Func<WorkflowInstance?, bool> condition,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var status = await client.GetStatusAsync(id);
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Run '{id}' did not reach the expected state in time; last status: {status?.RuntimeStatus.ToString() ?? "none"}.");
            }

            await Task.Delay(50);
        }
    }
}
