namespace ModelOps.Protocol;

/// <summary>Where a classifier's answer is among its outputs.</summary>
/// <param name="Label">The index of the label output.</param>
/// <param name="Probabilities">The index of the probability output.</param>
/// <param name="ClassNames">The class of each probability column, in column order.</param>
public sealed record ClassifierOutputs(int Label, int Probabilities, string[] ClassNames);
