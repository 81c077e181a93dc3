namespace ModelOps.Training.Data;

/// <summary>
/// One model input: a raw column by name. Numeric features enter the ONNX graph as <c>tensor(float) [N,1]</c>
/// (NaN = missing); categorical ones as <c>tensor(string) [N,1]</c> (an unseen or missing category encodes as missing).
/// </summary>
public sealed record FeatureInfo(string Name, ColumnKind Kind, IReadOnlyList<string> Categories);
