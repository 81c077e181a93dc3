using System.Globalization;
using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Tensors;

namespace ModelOps.Http.Protocol;

/// <summary>
/// Tensor data to and from JSON as the Open Inference Protocol writes it: row-major, flat or nested arrays,
/// numbers for numeric types, true/false for BOOL, strings for BYTES.
/// </summary>
public static class TensorJson
{
    /// <summary>Reads <paramref name="data"/> (flat or nested) as <paramref name="count"/> elements of <paramref name="type"/>.</summary>
    public static Array ReadData(JsonElement data, TensorElementType type, int count, string tensorName)
    {
        if (TryReadFlat(data, type, count) is { } flat)
        {
            return flat;
        }

        var array = type.CreateArray(count);
        var index = 0;
        Fill(data, type, array, ref index, tensorName, depth: 0);
        if (index != count)
        {
            throw ModelOpsException.Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"Input '{tensorName}' has {index} data elements but its shape needs {count}."));
        }

        return array;
    }

    /// <summary>
    /// The common case, fast: a flat array of exactly <paramref name="count"/> plain numbers of a float or integer type,
    /// converted in one typed loop. Anything else (nesting, a wrong element, the wrong count) returns null and goes the
    /// general way, which also words the error.
    /// </summary>
    private static Array? TryReadFlat(JsonElement data, TensorElementType type, int count)
    {
        if (data.ValueKind != JsonValueKind.Array || data.GetArrayLength() != count)
        {
            return null;
        }

        return type switch
        {
            TensorElementType.Float32 => ReadFlat(data, count, static (JsonElement e, out float v) => e.TryGetSingle(out v) && float.IsFinite(v)),
            TensorElementType.Float64 => ReadFlat(data, count, static (JsonElement e, out double v) => e.TryGetDouble(out v)),
            TensorElementType.Int64 => ReadFlat(data, count, static (JsonElement e, out long v) => e.TryGetInt64(out v)),
            TensorElementType.Int32 => ReadFlat(data, count, static (JsonElement e, out int v) => e.TryGetInt32(out v)),
            _ => null,
        };
    }

    private delegate bool NumberReader<T>(JsonElement element, out T value);

    private static T[]? ReadFlat<T>(JsonElement data, int count, NumberReader<T> read)
    {
        var values = new T[count];
        var i = 0;
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !read(item, out values[i]))
            {
                return null;
            }

            i++;
        }

        return values;
    }

    private static void Fill(JsonElement element, TensorElementType type, Array array, ref int index, string name, int depth)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            if (depth > 32)
            {
                throw ModelOpsException.Invalid($"Input '{name}' nests its data more than 32 levels deep.");
            }

            foreach (var item in element.EnumerateArray())
            {
                Fill(item, type, array, ref index, name, depth + 1);
            }

            return;
        }

        if (depth == 0)
        {
            throw ModelOpsException.Invalid($"Input '{name}' must give 'data' as an array.");
        }

        if (index >= array.Length)
        {
            // Count them all for the error message, but store nothing more.
            index++;
            return;
        }

        SetElement(element, type, array, index, name);
        index++;
    }

    /// <summary>
    /// Stores one JSON value as element <paramref name="index"/>. <paramref name="lenient"/> (the JSON-rows form) also
    /// takes null as a missing value (NaN for a float, the empty string for a category, which trained models treat as
    /// missing: the one-hot block stays zero, a tree takes the missing branch) and a number for a string input (its text).
    /// </summary>
    internal static void SetElement(JsonElement element, TensorElementType type, Array array, int index, string name, bool lenient = false)
    {
        if (lenient && type.IsFloatingPoint() && (element.ValueKind == JsonValueKind.Null || (element.ValueKind == JsonValueKind.String && element.ValueEquals("NaN"))))
        {
            SetNaN(array, index);
            return;
        }

        if (lenient && type == TensorElementType.String && element.ValueKind == JsonValueKind.Null)
        {
            ((string[])array)[index] = string.Empty;
            return;
        }

        switch (type)
        {
            case TensorElementType.String:
                ((string[])array)[index] = element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString()!,
                    JsonValueKind.Number when lenient => element.GetRawText(),
                    _ => throw WrongKind(name, index, type, element),
                };
                return;
            case TensorElementType.Bool:
                ((bool[])array)[index] = element.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when element.TryGetInt32(out var b) && b is 0 or 1 => b == 1,
                    _ => throw WrongKind(name, index, type, element),
                };
                return;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            throw WrongKind(name, index, type, element);
        }

        var ok = type switch
        {
            TensorElementType.Float32 => Set(array, index, element.TryGetDouble(out var f) && IsFiniteFloat(f), (float)f),
            TensorElementType.Float64 => Set(array, index, element.TryGetDouble(out var d), d),
            TensorElementType.Float16 => Set(array, index, element.TryGetDouble(out var h), (Half)h),
            TensorElementType.BFloat16 => Set(array, index, element.TryGetSingle(out var bf), ToBFloat16(bf)),
            TensorElementType.Int8 => Set(array, index, element.TryGetSByte(out var i8), i8),
            TensorElementType.Int16 => Set(array, index, element.TryGetInt16(out var i16), i16),
            TensorElementType.Int32 => Set(array, index, element.TryGetInt32(out var i32), i32),
            TensorElementType.Int64 => Set(array, index, element.TryGetInt64(out var i64), i64),
            TensorElementType.UInt8 => Set(array, index, element.TryGetByte(out var u8), u8),
            TensorElementType.UInt16 => Set(array, index, element.TryGetUInt16(out var u16), u16),
            TensorElementType.UInt32 => Set(array, index, element.TryGetUInt32(out var u32), u32),
            TensorElementType.UInt64 => Set(array, index, element.TryGetUInt64(out var u64), u64),
            _ => false,
        };
        if (!ok)
        {
            throw ModelOpsException.Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"Input '{name}' element {index} ({element.GetRawText()}) is not a valid {type.ToProtocolName()} value."));
        }
    }

    private static void SetNaN(Array array, int index)
    {
        switch (array)
        {
            case float[] f: f[index] = float.NaN; break;
            case double[] d: d[index] = double.NaN; break;
            case Half[] h: h[index] = Half.NaN; break;
            case ushort[] bf: bf[index] = 0x7FC0; break;
        }
    }

    private static bool Set<T>(Array array, int index, bool parsed, T value)
    {
        if (parsed)
        {
            ((T[])array)[index] = value;
        }

        return parsed;
    }

    private static bool IsFiniteFloat(double value) => Math.Abs(value) <= float.MaxValue;

    /// <summary>Rounds a float to bfloat16 (round to nearest even), as raw bits.</summary>
    public static ushort ToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return 0x7FC0;
        }

        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    public static float FromBFloat16(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    private static ModelOpsException WrongKind(string name, int index, TensorElementType type, JsonElement element)
    {
        var expected = type switch
        {
            TensorElementType.String => "strings",
            TensorElementType.Bool => "true or false",
            _ => "numbers",
        };
        var found = element.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            JsonValueKind.Object => "an object",
            _ => element.ValueKind.ToString(),
        };
        return ModelOpsException.Invalid(string.Create(
            CultureInfo.InvariantCulture,
            $"Input '{name}' element {index} is {found}, but {type.ToProtocolName()} data must be {expected}."));
    }

    /// <summary>Writes a tensor's elements as a flat JSON array. Non-finite floats are written as the strings "NaN", "Infinity", "-Infinity".</summary>
    public static void WriteData(Utf8JsonWriter writer, Tensor tensor)
    {
        writer.WriteStartArray();
        for (var i = 0; i < tensor.Length; i++)
        {
            WriteElement(writer, tensor, i);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes element <paramref name="index"/> of a tensor as a JSON value.</summary>
    /// <remarks>Switches on the element type, not the array's runtime type: the CLR lets long[] pass as ulong[].</remarks>
    public static void WriteElement(Utf8JsonWriter writer, Tensor tensor, int index)
    {
        switch (tensor.ElementType)
        {
            case TensorElementType.Float32: WriteFloat(writer, ((float[])tensor.Data)[index]); break;
            case TensorElementType.Float64: WriteFloat(writer, ((double[])tensor.Data)[index]); break;
            case TensorElementType.Float16: WriteFloat(writer, (float)((Half[])tensor.Data)[index]); break;
            case TensorElementType.BFloat16: WriteFloat(writer, FromBFloat16(((ushort[])tensor.Data)[index])); break;
            case TensorElementType.Int64: writer.WriteNumberValue(((long[])tensor.Data)[index]); break;
            case TensorElementType.Int32: writer.WriteNumberValue(((int[])tensor.Data)[index]); break;
            case TensorElementType.Int16: writer.WriteNumberValue(((short[])tensor.Data)[index]); break;
            case TensorElementType.Int8: writer.WriteNumberValue(((sbyte[])tensor.Data)[index]); break;
            case TensorElementType.UInt64: writer.WriteNumberValue(((ulong[])tensor.Data)[index]); break;
            case TensorElementType.UInt32: writer.WriteNumberValue(((uint[])tensor.Data)[index]); break;
            case TensorElementType.UInt16: writer.WriteNumberValue(((ushort[])tensor.Data)[index]); break;
            case TensorElementType.UInt8: writer.WriteNumberValue(((byte[])tensor.Data)[index]); break;
            case TensorElementType.Bool: writer.WriteBooleanValue(((bool[])tensor.Data)[index]); break;
            case TensorElementType.String: writer.WriteStringValue(((string[])tensor.Data)[index]); break;
            default: throw new ArgumentOutOfRangeException(nameof(tensor), tensor.ElementType, null);
        }
    }

    /// <summary>Writes one number, or a string for NaN and infinities (which JSON cannot hold).</summary>
    public static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /// <summary>Writes one float with float precision (shortest round-trip form of the float, not of its double widening).</summary>
    public static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
