using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Evaluation;

/// <summary>Writes a <see cref="MetricSet"/> as a flat object of numbers, NaN as null (JSON has no NaN).</summary>
internal sealed class MetricSetJsonConverter : JsonConverter<MetricSet>
{
    public override MetricSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A metric set is a JSON object of metric name to number.");
        }

        var values = new List<KeyValuePair<string, double>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? throw new JsonException("A metric name is null.");
            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.Null => double.NaN,
                JsonTokenType.Number => reader.GetDouble(),
                _ => throw new JsonException($"Metric '{name}' is not a number."),
            };
            values.Add(new(name, value));
        }

        return new MetricSet(values);
    }

    public override void Write(Utf8JsonWriter writer, MetricSet value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, metric) in value.Values)
        {
            if (double.IsFinite(metric))
            {
                writer.WriteNumber(name, metric);
            }
            else
            {
                writer.WriteNull(name);
            }
        }

        writer.WriteEndObject();
    }
}
