using ModelOps.Training.Data;
using ModelOps.Training.Tests.Support;

namespace ModelOps.Training.Tests.Linear;

public sealed class LinearModelTests
{
    [Fact]
    public void Ridge_NoPenaltyOnExactLinearData_RecoversTheFunction()
    {
        var random = new Random(1);
        var n = 500;
        var a = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 10)).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        var group = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "g1" : i % 3 == 1 ? "g2" : "g3").ToArray();
        var effect = new Dictionary<string, double> { ["g1"] = 0, ["g2"] = 5, ["g3"] = -2 };
        var y = Enumerable.Range(0, n).Select(i => (float)((2 * a[i]) - (3 * b[i]) + 1 + effect[group[i]])).ToArray();
        var data = new TabularDataset([DataColumn.Numeric("a", a), DataColumn.Numeric("b", b), DataColumn.FromStrings("group", group), DataColumn.Numeric("y", y)]);
        var request = new TrainingRequest("y", TrainingTask.Regression) { Parameters = new TrainingParameters(new Dictionary<string, double> { ["l2"] = 1e-9 }) };

        var model = TrainerCatalog.Create("linear").Train(data, request);
        var prediction = model.Predict(data);

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(y[i], prediction.Values[i], 3);
        }

        Equivalence.AssertSame(model, data);
    }

    [Fact]
    public void Logistic_AtTheOptimum_PredictedProbabilitiesSumToTheClassCounts()
    {
        // With an unpenalised intercept the optimum has sum(p_k) = count(k) for every class.
        var data = SyntheticData.Create(3000, seed: 7, "multiclass-text");
        var request = new TrainingRequest("target", TrainingTask.Classification)
        {
            Parameters = new TrainingParameters(new Dictionary<string, double> { ["tolerance"] = 1e-8, ["maxIterations"] = 1000 }),
        };

        var model = TrainerCatalog.Create("logistic").Train(data, request);
        var prediction = model.Predict(data);

        for (var k = 0; k < model.Classes.Count; k++)
        {
            var expected = data["target"].Codes.Count(c => data["target"].Categories[c] == model.Classes[k]);
            var sum = Enumerable.Range(0, data.RowCount).Sum(r => prediction.Probability(r, k));
            Assert.Equal(expected, sum, 1);
        }

        var accuracy = Enumerable.Range(0, data.RowCount).Count(r => prediction.Labels[r] == data["target"].TextAt(r)) / (double)data.RowCount;
        Assert.True(accuracy > 0.7, $"accuracy {accuracy}");
    }

    [Fact]
    public void Logistic_StrongerPenalty_ShrinksTowardsTheBaseRate()
    {
        var data = SyntheticData.Create(1000, seed: 9, "binary-text");
        var weak = TrainerCatalog.Create("logistic").Train(data, new TrainingRequest("target", TrainingTask.Classification));
        var strong = TrainerCatalog.Create("logistic").Train(data, new TrainingRequest("target", TrainingTask.Classification)
        {
            Parameters = new TrainingParameters(new Dictionary<string, double> { ["l2"] = 1e5 }),
        });

        static double Spread(Prediction p) => Enumerable.Range(0, p.RowCount).Select(r => p.Probability(r, 1)).Max()
            - Enumerable.Range(0, p.RowCount).Select(r => p.Probability(r, 1)).Min();

        Assert.True(Spread(strong.Predict(data)) < 0.1 * Spread(weak.Predict(data)));
    }
}
