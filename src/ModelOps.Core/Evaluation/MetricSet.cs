using System.Text.Json.Serialization;

namespace ModelOps.Evaluation;

/// <summary>
/// Metric name → value, as computed by <see cref="ClassificationMetrics"/> or <see cref="RegressionMetrics"/>.
/// A metric that is undefined for the data (ROC-AUC when the labels hold one class) is <see cref="double.NaN"/>.
/// Serialises as a plain JSON object (<c>{"auc":0.93,"accuracy":0.88}</c>) with NaN written as <c>null</c>.
/// </summary>
[JsonConverter(typeof(MetricSetJsonConverter))]
public sealed class MetricSet
{
    private readonly Dictionary<string, double> _values;

    public MetricSet(IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (!_values.TryAdd(name, value))
            {
                throw new ArgumentException($"Metric '{name}' appears twice.", nameof(values));
            }
        }
    }

    /// <summary>The metrics, in the order they were added.</summary>
    public IReadOnlyDictionary<string, double> Values => _values;

    public int Count => _values.Count;

    /// <summary>The value of <paramref name="name"/>; throws when the set does not hold it.</summary>
    public double this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"There is no metric '{name}'; the set holds {string.Join(", ", _values.Keys.Select(k => $"'{k}'"))}.");

    public bool TryGetValue(string name, out double value) => _values.TryGetValue(name, out value);

    public override string ToString() =>
        string.Join(", ", _values.Select(p => $"{p.Key}={p.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}"));
}
