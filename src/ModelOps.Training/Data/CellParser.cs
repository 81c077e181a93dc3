using System.Globalization;
using System.Text;

namespace ModelOps.Training.Data;

/// <summary>
/// The one rule that decides what a CSV cell is, shared by <see cref="TabularDataset"/> (training) and
/// <see cref="Validation.DataValidator"/>, so a file that passes validation reads the same way in training.
/// <list type="bullet">
/// <item><b>Missing</b>: the cell equals one of the missing markers exactly (ordinal; unquoted fields are trimmed
/// before, quoted ones are not). Default: empty, <c>?</c>, <c>NA</c>, <c>NaN</c>, <c>nan</c>.</item>
/// <item><b>Number</b>: an optional sign, decimal digits with an optional decimal point, an optional exponent
/// (<c>+5</c>, <c>.5</c>, <c>1e-3</c>, <c>2E+05</c>), spaces or tabs around it allowed, read in the invariant
/// culture, whose float32 value is finite (models take float32; a value rounds to the nearest float32, so
/// <c>1e-50</c> is 0). No thousands separators, decimal commas, hexadecimal, currency or digit groupings.</item>
/// <item><b>NonFinite</b>: <c>nan</c>, <c>inf</c> or <c>infinity</c> in any case and with an optional sign (when not
/// a missing marker), or a number beyond ±3.4028235e38 such as <c>1e39</c>.</item>
/// <item><b>Text</b>: everything else.</item>
/// </list>
/// </summary>
public sealed class CellParser
{
    private readonly string[] _missing;
    private readonly byte[][] _missingUtf8;
    private readonly ulong _missingLengths;
    private readonly bool _longMissing;

    public CellParser(IEnumerable<string> missingValues)
    {
        ArgumentNullException.ThrowIfNull(missingValues);
        _missing = missingValues.Distinct(StringComparer.Ordinal).ToArray();
        _missingUtf8 = _missing.Select(Encoding.UTF8.GetBytes).ToArray();
        foreach (var marker in _missingUtf8)
        {
            if (marker.Length < 64)
            {
                _missingLengths |= 1UL << marker.Length;
            }
            else
            {
                _longMissing = true;
            }
        }
    }

    /// <summary>The rule with the default missing markers of <see cref="CsvReadOptions.MissingValues"/>.</summary>
    public static CellParser Default { get; } = new(new CsvReadOptions().MissingValues);

    /// <summary>The missing-value markers, for messages.</summary>
    public IReadOnlyList<string> MissingValues => _missing;

    /// <summary>Classifies a cell given as UTF-8 bytes; <paramref name="value"/> is the number for
    /// <see cref="CellKind.Number"/> (its float32 rounding is finite), else NaN or ±infinity.</summary>
    public CellKind Classify(ReadOnlySpan<byte> utf8, out double value)
    {
        if (IsMissing(utf8))
        {
            value = double.NaN;
            return CellKind.Missing;
        }

        return ParseNumber(utf8, out value);
    }

    /// <summary>Classifies a cell given as text (see <see cref="Classify(ReadOnlySpan{byte}, out double)"/>).</summary>
    public CellKind Classify(ReadOnlySpan<char> text, out double value)
    {
        foreach (var marker in _missing)
        {
            if (text.SequenceEqual(marker))
            {
                value = double.NaN;
                return CellKind.Missing;
            }
        }

        return ParseNumber(text, out value);
    }

    /// <summary>Whether the UTF-8 cell is one of the missing markers.</summary>
    internal bool IsMissing(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 64 ? (_missingLengths & (1UL << utf8.Length)) == 0 : !_longMissing)
        {
            return false;
        }

        foreach (var marker in _missingUtf8)
        {
            if (utf8.SequenceEqual(marker))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> is a <see cref="CellKind.Number"/> (missing markers aside), with
    /// its float32 value: what training stores and a model receives.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out float value)
    {
        var number = ParseNumber(text, out var parsed) == CellKind.Number;
        value = number ? (float)parsed : float.NaN;
        return number;
    }

    /// <summary><see cref="CellKind.Number"/>, <see cref="CellKind.NonFinite"/> or <see cref="CellKind.Text"/> for text
    /// (no missing markers considered).</summary>
    internal static CellKind ParseNumber(ReadOnlySpan<char> text, out double value)
    {
        Span<byte> ascii = stackalloc byte[128];
        if (text.Length > ascii.Length)
        {
            ascii = new byte[text.Length];
        }

        if (System.Text.Ascii.FromUtf16(text, ascii, out var written) != System.Buffers.OperationStatus.Done)
        {
            value = double.NaN;
            return CellKind.Text;
        }

        return ParseNumber(ascii[..written], out value);
    }

    /// <summary>As <see cref="ParseNumber(ReadOnlySpan{char}, out double)"/> for UTF-8 bytes.</summary>
    internal static CellKind ParseNumber(ReadOnlySpan<byte> utf8, out double value)
    {
        var text = utf8.Trim(" \t"u8);
        if (IsDecimal(text))
        {
            // The grammar is checked above, so this parse cannot fail; a magnitude beyond double's range gives ±infinity.
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            return float.IsFinite((float)value) ? CellKind.Number : CellKind.NonFinite;
        }

        var negative = text.Length > 0 && text[0] == '-';
        var body = text.Length > 0 && text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (System.Text.Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = double.NaN;
            return CellKind.NonFinite;
        }

        if (System.Text.Ascii.EqualsIgnoreCase(body, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return CellKind.NonFinite;
        }

        value = double.NaN;
        return CellKind.Text;
    }

    /// <summary>[+-] digits [. digits] [(e|E) [+-] digits], with at least one mantissa digit.</summary>
    private static bool IsDecimal(ReadOnlySpan<byte> text)
    {
        var i = 0;
        SkipSign(text, ref i);
        var digits = SkipDigits(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            digits += SkipDigits(text, ref i);
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            SkipSign(text, ref i);
            if (SkipDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static void SkipSign(ReadOnlySpan<byte> text, ref int i)
    {
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            i++;
        }
    }

    private static int SkipDigits(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        return i - start;
    }
}
