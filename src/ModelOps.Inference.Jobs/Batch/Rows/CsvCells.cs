using System.Buffers;
using System.Globalization;
using System.Text;
using ModelOps.Tensors;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>Writing CSV cells as UTF-8: quoted (quotes doubled) when they hold the separator, a quote, a line break or edge spaces.</summary>
internal static class CsvCells
{
    public static void WriteText(IBufferWriter<byte> output, ReadOnlySpan<byte> text, byte separator)
    {
        var quote = text.Length > 0 && (text[0] is (byte)' ' or (byte)'\t' || text[^1] is (byte)' ' or (byte)'\t');
        if (!quote)
        {
            foreach (var b in text)
            {
                if (b == separator || b is (byte)'"' or (byte)'\n' or (byte)'\r')
                {
                    quote = true;
                    break;
                }
            }
        }

        if (!quote)
        {
            output.Write(text);
            return;
        }

        output.Write("\""u8);
        var rest = text;
        int at;
        while ((at = rest.IndexOf((byte)'"')) >= 0)
        {
            output.Write(rest[..(at + 1)]);
            output.Write("\""u8);
            rest = rest[(at + 1)..];
        }

        output.Write(rest);
        output.Write("\""u8);
    }

    public static void WriteText(IBufferWriter<byte> output, string text, byte separator) =>
        WriteText(output, Encoding.UTF8.GetBytes(text), separator);

    /// <summary>One tensor element as a cell: numbers in their shortest round-trip invariant form, booleans as true/false.</summary>
    public static void WriteValue(IBufferWriter<byte> output, (Tensor Tensor, int Index) element, byte separator)
    {
        var (tensor, index) = element;
        if (tensor.ElementType == TensorElementType.String)
        {
            WriteText(output, ((string[])tensor.Data)[index], separator);
            return;
        }

        var span = output.GetSpan(64);
        int written;
        var formatted = tensor.ElementType switch
        {
            TensorElementType.Float32 => ((float[])tensor.Data)[index].TryFormat(span, out written, default, CultureInfo.InvariantCulture),
            TensorElementType.Float64 => ((double[])tensor.Data)[index].TryFormat(span, out written, default, CultureInfo.InvariantCulture),
            TensorElementType.Int64 => ((long[])tensor.Data)[index].TryFormat(span, out written, default, CultureInfo.InvariantCulture),
            TensorElementType.Int32 => ((int[])tensor.Data)[index].TryFormat(span, out written, default, CultureInfo.InvariantCulture),
            TensorElementType.Bool => Copy(((bool[])tensor.Data)[index] ? "true"u8 : "false"u8, span, out written),
            _ => Copy(Encoding.UTF8.GetBytes(Convert.ToString(tensor.Data.GetValue(index), CultureInfo.InvariantCulture) ?? string.Empty), span, out written),
        };
        if (!formatted)
        {
            throw new InvalidOperationException("A value did not fit 64 bytes.");
        }

        output.Advance(written);
    }

    private static bool Copy(ReadOnlySpan<byte> text, Span<byte> span, out int written)
    {
        written = text.Length;
        return text.TryCopyTo(span);
    }
}
