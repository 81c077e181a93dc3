using System.Globalization;
using System.Text;
using ModelOps.Training;

namespace ModelOps.Inference.Jobs.Tests.Support;

/// <summary>Models the platform's own trainers make, on seeded data: what batch jobs and queue messages are scored with.</summary>
internal static class TrainedModels
{
    private static readonly Lazy<byte[]> Classifier = new(() => Train(Binary(400, seed: 3), "gbt"));

    /// <summary>A gradient-boosted classifier of <c>x1,x2,color</c> (numbers, a category) into <c>y</c> 0/1.</summary>
    public static byte[] GradientBoosted => Classifier.Value;

    /// <summary><c>x1,x2,color,y</c> rows with <c>y</c> = 1 when a noisy linear score is positive.</summary>
    public static string Binary(int rows, int seed)
    {
        var random = new Random(seed);
        var colors = new[] { "red", "green", "blue" };
        var text = new StringBuilder("x1,x2,color,y\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = Math.Round((random.NextDouble() * 4) - 2, 4);
            var x2 = Math.Round((random.NextDouble() * 4) - 2, 4);
            var color = colors[random.Next(3)];
            var score = (1.5 * x1) - x2 + (color == "red" ? 0.8 : 0) + (0.3 * ((random.NextDouble() * 2) - 1) * 3);
            text.Append(CultureInfo.InvariantCulture, $"{x1},{x2},{color},{(score > 0 ? 1 : 0)}\n");
        }

        return text.ToString();
    }

    private static byte[] Train(string csv, string trainer)
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelops-jobs-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        try
        {
            return TrainerCatalog.TrainFromCsv(path, trainer, new TrainingRequest("y", TrainingTask.Classification)).ExportOnnx();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
