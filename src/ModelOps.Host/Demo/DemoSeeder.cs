using System.Text;
using Microsoft.Extensions.Options;
using ModelOps.Registry;
using ModelOps.Retraining;

namespace ModelOps.Host.Demo;

/// <summary>
/// On first start with empty storage (no registered model, no demo configuration), configures the demo model and drops
/// a generated CSV into <c>training-data/demo/</c>: the blob-drop trigger then trains, evaluates, registers and
/// promotes it like any other run, so <c>POST /api/models/demo/predict</c> works shortly after <c>./run.sh</c>.
/// </summary>
internal sealed class DemoSeeder(
    ModelRegistry registry,
    TrainingConfigurations configurations,
    ITrainingDataStore data,
    IOptions<DemoOptions> options,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    public static TrainingConfiguration Configuration { get; } = new()
    {
        Label = "churn",
        Task = TaskNames.Binary,
        Trainer = "gbt",
        HoldoutFraction = 0.25,
        Seed = 1,
        Metric = "auc",
        Promotion = new PromotionSettings { Minimum = 0.6, MaxDrop = 0.01 },
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        try
        {
            var models = await registry.ListModelsAsync(stoppingToken).ConfigureAwait(false);
            if (models.Count > 0 || await configurations.GetAsync(demo.Model, stoppingToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            await configurations.PutAsync(demo.Model, Configuration, null, stoppingToken).ConfigureAwait(false);
            using var csv = new MemoryStream(Encoding.UTF8.GetBytes(DemoDataset.Csv(demo.Rows, demo.Seed)));
            // Null when another host seeded it first.
            if (await data.UploadIfAbsentAsync(demo.Model, "demo.csv", csv, stoppingToken).ConfigureAwait(false) is not null)
            {
                Log.DemoSeeded(logger, demo.Model, demo.Rows);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            Log.DemoFailed(logger, exception);
        }
    }
}
