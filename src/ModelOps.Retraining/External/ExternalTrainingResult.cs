using System.Text.Json;

namespace ModelOps.Retraining;

/// <summary>What an external trainer produced: the ONNX file and what it said about it.</summary>
public sealed record ExternalTrainingResult(byte[] Onnx, IReadOnlyDictionary<string, JsonElement>? ReportedMetrics);
