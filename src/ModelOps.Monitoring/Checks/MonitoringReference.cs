using System.Text.Json;
using ModelOps.Monitoring.Profiles;
using ModelOps.Monitoring.Quality;
using ModelOps.Registry;
using ModelOps.Retraining;
using ModelOps.Serialization;

namespace ModelOps.Monitoring.Checks;

/// <summary>
/// What a version's traffic is compared with: the training data's profile (<c>reference.json</c>, written by retraining
/// since monitoring exists; or <c>statistics.json</c> for older versions, read as an approximate profile) and the
/// schema (<c>schema.json</c>; without one, the profile's columns and kinds).
/// </summary>
internal sealed record MonitoringReference(DatasetProfile Profile, MonitoringSchema Schema, string Source)
{
    /// <summary>The version's reference; null when its baseline has neither file (a version registered by hand).</summary>
    public static async Task<MonitoringReference?> LoadAsync(IBaselineStore baselines, string model, int version, CancellationToken cancellationToken)
    {
        var source = RetrainingFiles.Reference;
        var bytes = await baselines.ReadAsync(model, version, source, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            source = RetrainingFiles.Statistics;
            bytes = await baselines.ReadAsync(model, version, source, cancellationToken).ConfigureAwait(false);
        }

        if (bytes is null)
        {
            return null;
        }

        var profile = JsonSerializer.Deserialize<DatasetProfile>(bytes, ModelOpsJson.Options)
            ?? throw new InvalidOperationException($"The {source} of model '{model}' version {version} is empty.");
        var schemaBytes = await baselines.ReadAsync(model, version, RetrainingFiles.Schema, cancellationToken).ConfigureAwait(false);
        var schema = schemaBytes is null
            ? new MonitoringSchema { Columns = profile.Columns.Select(c => new MonitoredColumn { Name = c.Name, Kind = c.Kind }).ToArray() }
            : JsonSerializer.Deserialize<MonitoringSchema>(schemaBytes, ModelOpsJson.Options)!;
        return new MonitoringReference(profile, schema, source);
    }

    /// <summary>
    /// The reference and schema a window is checked against, with the training label's column renamed to the
    /// version's prediction column, so predictions are compared with the label distribution the model learnt.
    /// </summary>
    public (DatasetProfile Profile, MonitoringSchema Schema) ForWindow(PredictionColumns predictions)
    {
        var label = Schema.Label;
        var prediction = predictions.Prediction;
        var columns = Profile.Columns.Where(c => c.Name != label).ToList();
        var schemaColumns = Schema.Columns.Where(c => c.Name != label && Profile.Find(c.Name) is not null).ToList();
        if (label is not null && prediction is not null && Profile.Find(label) is { } labelColumn)
        {
            columns.Add(labelColumn with { Name = prediction });
            var monitored = Schema.Find(label) ?? new MonitoredColumn { Name = label, Kind = labelColumn.Kind };
            schemaColumns.Add(monitored with { Name = prediction, Required = false });
        }

        return (Profile with { Columns = columns }, new MonitoringSchema { Label = null, Columns = schemaColumns });
    }
}
