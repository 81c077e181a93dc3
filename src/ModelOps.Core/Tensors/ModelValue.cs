namespace ModelOps.Tensors;

/// <summary>
/// A value a model consumes or produces: a <see cref="Tensor"/>, or (for classic-ML models such as
/// scikit-learn's ZipMap output) a <see cref="SequenceValue"/> or <see cref="MapValue"/>.
/// </summary>
public abstract class ModelValue
{
    private protected ModelValue()
    {
    }
}
