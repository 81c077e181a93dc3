namespace ModelOps.Training;

/// <summary>What a trained model does; written to the ONNX metadata as <c>modelops.task</c>.</summary>
public enum ModelTask
{
    Binary,
    Multiclass,
    Regression,
}
