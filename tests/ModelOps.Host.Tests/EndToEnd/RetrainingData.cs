using System.Globalization;
using System.Text;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>Generated training data for the retraining end-to-end tests (seeded).</summary>
internal static class RetrainingData
{
    /// <summary><c>x1,x2,color,y</c>: <c>y</c> = 1 when a noisy linear score is positive.</summary>
    public static string Binary(int rows, int seed = 5)
    {
        var random = new Random(seed);
        var colors = new[] { "red", "green", "blue" };
        var text = new StringBuilder("x1,x2,color,y\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = Math.Round((random.NextDouble() * 4) - 2, 4);
            var x2 = Math.Round((random.NextDouble() * 4) - 2, 4);
            var color = colors[random.Next(3)];
            var score = (1.5 * x1) - x2 + (color == "red" ? 0.8 : 0) + (((random.NextDouble() * 2) - 1) * 0.9);
            text.Append(CultureInfo.InvariantCulture, $"{x1},{x2},{color},{(score > 0 ? 1 : 0)}\n");
        }

        return text.ToString();
    }

    /// <summary>The training configuration in the public contract's shape.</summary>
    public static string Configuration(string trainer = "logistic", string parameters = "{}") =>
        $$$"""{"label":"y","task":"binary","features":null,"trainer":"{{{trainer}}}","parameters":{{{parameters}}},"holdoutFraction":0.25,"seed":1,"metric":"auc","promotion":{"minimum":0.75,"maxDrop":0.005}}""";
}
