using ModelOps.Runtime;

namespace ModelOps.Onnx.Tests;

/// <summary>The runtime every test uses (ONNX Runtime is loaded once per process anyway).</summary>
internal static class TestRuntime
{
    private static readonly Lazy<OnnxModelRuntime> _instance = new(() => new OnnxModelRuntime());

    public static OnnxModelRuntime Instance => _instance.Value;

    public static IModelSession LoadFile(string path, ModelLoadOptions? options = null) =>
        Instance.Load(File.ReadAllBytes(path), options);
}
