namespace ModelOps.Runtime;

/// <summary>How far the runtime rewrites a graph before running it (ONNX Runtime's levels).</summary>
public enum GraphOptimizationLevel
{
    None = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
