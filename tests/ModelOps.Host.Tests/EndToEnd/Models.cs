using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>Public ONNX models from ../shared/data/onnx-models used as realistic payloads.</summary>
internal static class Models
{
    /// <summary>scikit-learn RandomForest on iris: X FP32 [-1,4] → output_label INT64 [-1], output_probability seq(map(int64,float)).</summary>
    public static byte[] IrisForest => Read("onnxruntime_go__sklearn_randomforest.onnx");

    /// <summary>Identity over a string tensor (from ModelOps.Onnx's own test models; no locale needed, unlike StringNormalizer).</summary>
    public static byte[] Strings => File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "tests", "ModelOps.Onnx.Tests", "Models", "identity_string.onnx"));

    /// <summary>UINT8 [1,1,1] and FP64 [1,2,2] in; INT16 and INT64 out.</summary>
    public static byte[] Multitype => Read("onnxruntime_go__example_multitype.onnx");

    /// <summary>FP32 [-1,10] → FP32 [-1].</summary>
    public static byte[] DynamicAxes => Read("onnxruntime_go__example_dynamic_axes.onnx");

    /// <summary>A decision tree with FP32 [-1,-1] input, label_0 and proba_0 ([N,K] tensor) outputs.</summary>
    public static byte[] TreeClassifier => Read("sklearn-onnx__treecl.onnx");

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    private static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedData, "onnx-models", file));
}
