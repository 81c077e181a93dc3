using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Rollouts;
using ModelOps.Tensors;
using ModelOps.Testing;

namespace ModelOps.Retraining.Tests.Rollouts;

/// <summary>Sticky routing by an input's value through the real inference service, traffic policies and storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StickyInputRoutingTests(AzuriteFixture azurite)
{
    private static readonly byte[] LogReg = File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", "logreg.onnx"));

    [Fact]
    public async Task Infer_StickyByInput_SameValueSameVersionAndValuesSpreadByWeight()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Registry.RegisterAsync("sticky", LogReg, new ModelRegistration());
        await host.Registry.RegisterAsync("sticky", LogReg, new ModelRegistration());
        await host.Traffic.PutAsync("sticky", new TrafficPolicy(new Dictionary<int, int> { [1] = 70, [2] = 30 }, StickyRouting.ByInput("x")), null, "test", "sticky by input");

        var byValue = new Dictionary<int, HashSet<int>>();
        for (var round = 0; round < 5; round++)
        {
            for (var value = 0; value < 300; value++)
            {
                var answer = await host.Inference.InferAsync(Request(value));
                (byValue.TryGetValue(value, out var versions) ? versions : byValue[value] = []).Add(answer.Version.Version);
            }
        }

        Assert.All(byValue, pair => Assert.Single(pair.Value));
        var shareOfTwo = byValue.Count(pair => pair.Value.Single() == 2) * 100.0 / byValue.Count;
        Assert.InRange(shareOfTwo, 22, 38);
    }

    /// <summary>A request whose input <c>x</c> starts with <paramref name="value"/>; the other 29 features vary per call.</summary>
    private static InferenceRequest Request(int value)
    {
        var features = new float[30];
        features[0] = value;
        for (var i = 1; i < features.Length; i++)
        {
            features[i] = Random.Shared.NextSingle();
        }

        return new InferenceRequest("sticky", null, [new NamedValue("x", Tensor.Create(features, 1, 30))]);
    }
}
