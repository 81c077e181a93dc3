namespace ModelOps.Tensors;

/// <summary>A model input or output: its graph name and its value.</summary>
public readonly record struct NamedValue(string Name, ModelValue Value);
