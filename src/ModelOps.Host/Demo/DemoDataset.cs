using System.Globalization;
using System.Text;

namespace ModelOps.Host.Demo;

/// <summary>
/// A synthetic customer-churn table (seeded, so every first start makes the same one): numeric <c>tenure</c>,
/// <c>monthlyCharges</c>, <c>supportCalls</c>, categorical <c>contract</c> and <c>internetService</c>, and the label
/// <c>churn</c> (<c>yes</c>/<c>no</c>) drawn from a logistic model of them.
/// </summary>
public static class DemoDataset
{
    private static readonly string[] Contracts = ["month-to-month", "one-year", "two-year"];
    private static readonly string[] Services = ["dsl", "fiber", "none"];

    public static string Csv(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("tenure,monthlyCharges,supportCalls,contract,internetService,churn\n");
        for (var i = 0; i < rows; i++)
        {
            var contract = Contracts[random.Next(Contracts.Length)];
            var service = Services[random.Next(Services.Length)];
            var tenure = random.Next(0, 73);
            var charges = Math.Round((service switch { "fiber" => 80, "dsl" => 55, _ => 25 }) + (random.NextDouble() * 30), 2);
            var calls = random.Next(0, 8);
            var score = 0.8 - (0.05 * tenure) + (0.02 * (charges - 60)) + (0.45 * calls)
                + (contract switch { "month-to-month" => 1.2, "one-year" => -0.4, _ => -1.5 })
                + (service == "fiber" ? 0.5 : 0);
            var churn = random.NextDouble() < 1 / (1 + Math.Exp(-score)) ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $"{tenure},{charges},{calls},{contract},{service},{churn}\n");
        }

        return text.ToString();
    }
}
