namespace ModelOps.Runtime;

/// <summary>Per-model session options.</summary>
public sealed record ModelLoadOptions
{
    public static ModelLoadOptions Default { get; } = new();

    /// <summary>Threads for one operator; 0 lets the runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads across independent operators; 0 lets the runtime choose.</summary>
    public int InterOpThreads { get; init; }

    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.All;

    public ExecutionProvider ExecutionProvider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>When true, a missing GPU provider fails the load instead of falling back to CPU.</summary>
    public bool RequireExecutionProvider { get; init; }

    /// <summary>CUDA device ordinal when <see cref="ExecutionProvider"/> is CUDA.</summary>
    public int DeviceId { get; init; }
}
