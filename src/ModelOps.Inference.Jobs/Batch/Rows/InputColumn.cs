using ModelOps.Tensors;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>One model input as rows fill it: its type, the shape of one row's value, and (for CSV) the columns that hold it.</summary>
internal sealed record InputColumn(string Name, TensorElementType Type, long[] RowShape, int Width, int[] Columns);
