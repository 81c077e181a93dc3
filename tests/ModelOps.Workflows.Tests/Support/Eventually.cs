namespace ModelOps.Workflows.Tests.Support;

/// <summary>Bounded polling for a condition that other processes make true.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await probe().ConfigureAwait(false) is { } value)
            {
                return value;
            }

            try
            {
                await Task.Delay(50, cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up after {timeout} waiting for {what}.");
            }
        }
    }

    public static Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        WaitAsync<object>(async () => await condition().ConfigureAwait(false) ? new object() : null, timeout, what);
}
