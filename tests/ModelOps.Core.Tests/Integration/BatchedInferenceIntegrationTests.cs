using ModelOps.Errors;
using ModelOps.Inference;
using ModelOps.Inference.Batching;
using ModelOps.Registry;
using ModelOps.Tensors;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

/// <summary>Batching through the inference service, with the host's session options, against a real Azurite and ONNX Runtime.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BatchedInferenceIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task InferAsync_ConcurrentRequests_EqualTheSameRequestsWithBatchingOff()
    {
        using var services = new CoreServices(azurite);
        await services.Registry.RegisterAsync("batched", CoreServices.Model("mlp.onnx"), new ModelRegistration());
        await services.Registry.RegisterAsync("alone", CoreServices.Model("mlp.onnx"), new ModelRegistration());
        await services.Serving.PutAsync("alone", new ServingSettings(new BatchingSettings(Enabled: false)), ifMatch: null);
        var requests = Enumerable.Range(0, 300).Select(i => Request(1 + (i % 7), i)).ToArray();

        var batched = await Task.WhenAll(requests.Select(r => Task.Run(() => services.Inference.InferAsync(new InferenceRequest("batched", null, r)))));
        var alone = new List<InferenceResult>();
        foreach (var request in requests)
        {
            alone.Add(await services.Inference.InferAsync(new InferenceRequest("alone", null, request)));
        }

        for (var i = 0; i < requests.Length; i++)
        {
            var expected = (float[])((Tensor)alone[i].Outputs[0].Value).Data;
            var actual = (float[])((Tensor)batched[i].Outputs[0].Value).Data;
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task ServingSettings_PutWithStaleETag_IsRefusedAndEffectiveSettingsFollowTheStoredOnes()
    {
        using var services = new CoreServices(azurite);
        var (none, defaults) = await services.Serving.GetAsync("tuned");
        Assert.Null(none);
        Assert.Equal(new EffectiveBatching(true, 64, 0), defaults);

        var first = await services.Serving.PutAsync("tuned", new ServingSettings(new BatchingSettings(MaxBatchSize: 16)), ifMatch: null);
        var second = await services.Serving.PutAsync("tuned", new ServingSettings(new BatchingSettings(MaxDelayMicroseconds: 500)), first.ETag);
        var stale = await Assert.ThrowsAsync<ModelOpsException>(() => services.Serving.PutAsync("tuned", ServingSettings.Default, first.ETag));
        var invalid = await Assert.ThrowsAsync<ModelOpsException>(() => services.Serving.PutAsync("tuned", new ServingSettings(new BatchingSettings(MaxBatchSize: 0)), null));

        Assert.Equal(ErrorKind.PreconditionFailed, stale.Kind);
        Assert.Equal(ErrorKind.InvalidInput, invalid.Kind);
        Assert.Equal(new EffectiveBatching(true, 64, 500), await services.Serving.GetBatchingAsync("tuned"));
        Assert.NotEqual(first.ETag, second.ETag);
    }

    private static NamedValue[] Request(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new float[rows * 20];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return [new NamedValue("x", Tensor.Create(data, rows, 20))];
    }
}
