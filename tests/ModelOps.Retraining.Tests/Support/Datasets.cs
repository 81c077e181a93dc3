using System.Globalization;
using System.Text;

namespace ModelOps.Retraining.Tests.Support;

/// <summary>Generated training data (seeded): a binary table with numeric and categorical columns.</summary>
public static class Datasets
{
    /// <summary><c>x1,x2,color,y</c> with <c>y</c> = 1 when a noisy linear score is positive.</summary>
    public static string Binary(int rows, int seed = 7, double noise = 0.3)
    {
        var random = new Random(seed);
        var colors = new[] { "red", "green", "blue" };
        var text = new StringBuilder("x1,x2,color,y\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = Math.Round((random.NextDouble() * 4) - 2, 4);
            var x2 = Math.Round((random.NextDouble() * 4) - 2, 4);
            var color = colors[random.Next(3)];
            var score = (1.5 * x1) - x2 + (color == "red" ? 0.8 : 0) + (noise * ((random.NextDouble() * 2) - 1) * 3);
            text.Append(CultureInfo.InvariantCulture, $"{x1},{x2},{color},{(score > 0 ? 1 : 0)}\n");
        }

        return text.ToString();
    }

    public static TrainingConfiguration BinaryConfiguration(string trainer = "logistic") => new()
    {
        Label = "y",
        Task = TaskNames.Binary,
        Trainer = trainer,
        HoldoutFraction = 0.25,
        Seed = 1,
        Metric = "auc",
        Promotion = new PromotionSettings { Minimum = 0.7, MaxDrop = 0.05 },
    };
}
