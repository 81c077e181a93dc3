using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Monitoring;

/// <summary>
/// Writes a <see cref="ColumnKind"/> as <c>"numeric"</c>/<c>"categorical"</c> and reads it in any case, so the schemas and
/// baselines training writes (<c>"Numeric"</c>) load unchanged. Put on properties: a property's converter takes
/// precedence over the string-enum converter of the shared JSON options.
/// </summary>
public sealed class ColumnKindJsonConverter : JsonConverter<ColumnKind>
{
    public override ColumnKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Enum.TryParse<ColumnKind>(reader.GetString(), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new JsonException($"A column kind is \"numeric\" or \"categorical\", not {(reader.TokenType == JsonTokenType.String ? $"\"{reader.GetString()}\"" : reader.TokenType.ToString())}.");

    public override void Write(Utf8JsonWriter writer, ColumnKind value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value == ColumnKind.Numeric ? "numeric" : "categorical");
    }
}
