using ModelOps.Registry;
using ModelOps.Runtime;

namespace ModelOps.Http.Endpoints;

/// <summary>Ready means: the runtime is loaded and storage answers (within a few seconds).</summary>
public sealed class ReadinessProbe(ModelRegistry registry, IModelRuntime runtime)
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runtime.Version))
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await registry.CheckStorageAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
