using System.Text.Json;
using ModelOps.Monitoring.Profiles;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;
using ModelOps.Serialization;
using ModelOps.Training.Data;

namespace ModelOps.Retraining;

/// <summary>
/// The monitoring reference of a training run: one pass of the core's <see cref="DatasetSketch"/> over the rows as the
/// trainers read them (numbers as float, as serving sees them), column by column as the schema describes them. Exact
/// distinct values (up to 5000 per numeric column) and all categories (up to 1000) are kept, so checks against it are
/// exact where the statistics allow.
/// </summary>
public static class ReferenceProfile
{
    /// <param name="data">The training data.</param>
    /// <param name="schemaJson">The run's schema (<c>schema.json</c>), read as a <see cref="MonitoringSchema"/>.</param>
    public static DatasetProfile Build(TabularDataset data, ReadOnlySpan<byte> schemaJson)
    {
        ArgumentNullException.ThrowIfNull(data);
        var schema = JsonSerializer.Deserialize<MonitoringSchema>(schemaJson, ModelOpsJson.Options)
            ?? throw new ArgumentException("The schema is empty.", nameof(schemaJson));
        var sketch = new DatasetSketch(schema);
        foreach (var column in data.Columns)
        {
            var index = sketch.IndexOf(column.Name);
            if (index < 0)
            {
                continue;
            }

            if (column.Kind == Training.Data.ColumnKind.Numeric)
            {
                foreach (var value in column.Values)
                {
                    sketch.Add(index, (double)value);
                }
            }
            else
            {
                for (var row = 0; row < column.Length; row++)
                {
                    sketch.Add(index, column.TextAt(row));
                }
            }
        }

        return sketch.ToProfile();
    }
}
