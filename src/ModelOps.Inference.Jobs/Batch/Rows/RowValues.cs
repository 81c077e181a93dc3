using System.Globalization;
using System.Text;
using ModelOps.Tensors;
using ModelOps.Training.Data;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// CSV cells into tensor elements, by the rule training and validation read cells with (<see cref="CellParser"/>): a
/// missing marker is NaN for floats and the empty string for strings; numbers must be finite; integers whole and in range;
/// booleans <c>true</c>, <c>false</c>, <c>1</c> or <c>0</c>.
/// </summary>
internal static class RowValues
{
    public static bool Supports(TensorElementType type) => type is TensorElementType.Float32 or TensorElementType.Float64
        or TensorElementType.Int32 or TensorElementType.Int64 or TensorElementType.Bool or TensorElementType.String;

    /// <summary>Stores the cell as element <paramref name="index"/>; the reason when it is not a value of the type.</summary>
    public static string? TrySet(ReadOnlySpan<byte> cell, TensorElementType type, Array data, int index)
    {
        var kind = CellParser.Default.Classify(cell, out var value);
        switch (type)
        {
            case TensorElementType.Float32 when kind is CellKind.Number or CellKind.Missing:
                ((float[])data)[index] = (float)value;
                return null;
            case TensorElementType.Float64 when kind is CellKind.Number or CellKind.Missing:
                ((double[])data)[index] = value;
                return null;
            case TensorElementType.Int64 when kind == CellKind.Number && value == Math.Floor(value) && Math.Abs(value) <= 9.007199254740992e15:
                ((long[])data)[index] = (long)value;
                return null;
            case TensorElementType.Int32 when kind == CellKind.Number && value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue:
                ((int[])data)[index] = (int)value;
                return null;
            case TensorElementType.Bool when Bool(cell) is { } flag:
                ((bool[])data)[index] = flag;
                return null;
            case TensorElementType.String:
                ((string[])data)[index] = kind == CellKind.Missing ? string.Empty : Encoding.UTF8.GetString(cell);
                return null;
            default:
                var what = type switch
                {
                    TensorElementType.Float32 or TensorElementType.Float64 => "a finite number",
                    TensorElementType.Int32 or TensorElementType.Int64 => "a whole number in range",
                    _ => "true, false, 1 or 0",
                };
                return string.Create(CultureInfo.InvariantCulture, $"'{Excerpt(cell)}' is not {what}");
        }
    }

    /// <summary>The cell as text for a message, cut at 40 characters.</summary>
    public static string Excerpt(ReadOnlySpan<byte> cell)
    {
        var text = Encoding.UTF8.GetString(cell);
        return text.Length > 40 ? text[..40] + "..." : text;
    }

    private static bool? Bool(ReadOnlySpan<byte> cell) =>
        cell.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(cell, "true"u8) ? true
        : cell.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(cell, "false"u8) ? false
        : null;
}
