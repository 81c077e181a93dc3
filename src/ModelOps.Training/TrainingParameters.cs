using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Training;

/// <summary>
/// Hyper-parameters by name (numbers, booleans or, for <c>earlyStopping</c>, <c>"auto"</c>). A trainer reads the
/// names it knows with range checks; a name no trainer reads, or a value out of range, is a <see cref="TrainingException"/>.
/// </summary>
public sealed class TrainingParameters
{
    private readonly Dictionary<string, JsonElement> _values;
    private static readonly JsonSerializerOptions NamedFloats = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public TrainingParameters(IReadOnlyDictionary<string, JsonElement>? values)
    {
        _values = values is null ? [] : new Dictionary<string, JsonElement>(values, StringComparer.Ordinal);
    }

    public TrainingParameters(IReadOnlyDictionary<string, double>? values)
    {
        _values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, double>())
        {
            _values[key] = JsonSerializer.SerializeToElement(value, NamedFloats);
        }
    }

    /// <summary>No parameters: every trainer uses its defaults.</summary>
    public static TrainingParameters Empty => new((IReadOnlyDictionary<string, double>?)null);

    internal double GetDouble(string name, double defaultValue, double min, double max, bool minExclusive = false)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var element))
        {
            return defaultValue;
        }

        double value;
        if (element.ValueKind == JsonValueKind.Number)
        {
            value = element.GetDouble();
        }
        else if (element.ValueKind == JsonValueKind.String
            && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else
        {
            throw new TrainingException($"Hyper-parameter '{name}' must be a number, not {element.GetRawText()}.", name);
        }

        if (!double.IsFinite(value) || value < min || value > max || (minExclusive && value <= min))
        {
            var low = minExclusive ? "(" : "[";
            throw new TrainingException(
                string.Create(CultureInfo.InvariantCulture, $"Hyper-parameter '{name}' is {value}; it must lie in {low}{min}, {max}]."), name);
        }

        return value;
    }

    internal int GetInt(string name, int defaultValue, int min, int max)
    {
        var value = GetDouble(name, defaultValue, min, max);
        if (value != Math.Floor(value))
        {
            throw new TrainingException(string.Create(CultureInfo.InvariantCulture, $"Hyper-parameter '{name}' is {value}; it must be a whole number."), name);
        }

        return (int)value;
    }

    /// <summary>A switch: true/false, 1/0, or "auto" (null).</summary>
    internal bool? GetSwitch(string name, bool? defaultValue)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var element))
        {
            return defaultValue;
        }

        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when element.GetDouble() is 0 or 1 => element.GetDouble() == 1,
            JsonValueKind.String when element.GetString() is "auto" => null,
            JsonValueKind.String when element.GetString() is "true" => true,
            JsonValueKind.String when element.GetString() is "false" => false,
            _ => throw new TrainingException($"Hyper-parameter '{name}' must be true, false or \"auto\", not {element.GetRawText()}.", name),
        };
    }

    /// <summary>Throws when a parameter was given that the trainer did not read (a typo, or a parameter of another trainer).</summary>
    internal void EnsureAllRead(string trainer)
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new TrainingException(
                $"Trainer '{trainer}' has no hyper-parameter {string.Join(", ", unknown.Select(u => $"'{u}'"))}; it takes {string.Join(", ", _read.Order(StringComparer.Ordinal))}.",
                unknown[0]);
        }
    }
}
