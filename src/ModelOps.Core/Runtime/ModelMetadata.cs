namespace ModelOps.Runtime;

/// <summary>The metadata an ONNX model carries (producer, domain, description, custom key/values).</summary>
public sealed record ModelMetadata(
    string ProducerName,
    string GraphName,
    string Domain,
    string Description,
    long Version,
    IReadOnlyDictionary<string, string> Custom)
{
    public static ModelMetadata Empty { get; } =
        new(string.Empty, string.Empty, string.Empty, string.Empty, 0, new Dictionary<string, string>());
}
