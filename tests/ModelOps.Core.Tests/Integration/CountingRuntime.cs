using ModelOps.Runtime;

namespace ModelOps.Core.Tests.Integration;

/// <summary>The real runtime, counting loads (to see single-flight loading and eviction from outside).</summary>
internal sealed class CountingRuntime(IModelRuntime inner) : IModelRuntime
{
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    public string Name => inner.Name;

    public string Version => inner.Version;

    public string Platform => inner.Platform;

    public IModelSession Load(ReadOnlyMemory<byte> model, ModelLoadOptions? options = null)
    {
        Interlocked.Increment(ref _loads);
        Thread.Sleep(50); // Widen the window in which concurrent requests could start a second load.
        return inner.Load(model, options);
    }
}
