using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Tensors;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class ModelCacheIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Acquire_ManyConcurrentRequests_LoadOnce()
    {
        using var services = new CoreServices(azurite);
        var version = await services.Registry.RegisterAsync("once", CoreServices.Model("mlp.onnx"), new ModelRegistration());
        var loadsBefore = services.Runtime.Loads;

        var leases = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await services.Cache.AcquireAsync(version))));

        Assert.Equal(1, services.Runtime.Loads - loadsBefore);
        Assert.All(leases, lease => Assert.Same(leases[0].Model, lease.Model));
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task Acquire_OverBudget_EvictsLeastRecentlyUsedAndReloadsOnDemand()
    {
        var modelBytes = CoreServices.Model("logreg.onnx").Length;
        // Room for two loaded versions, not three (sessions count at least their file size).
        using var services = new CoreServices(azurite, inference: o => o.CacheBudgetBytes = (modelBytes * 2 * 2) + 1);
        var versions = new List<ModelVersion>();
        for (var i = 0; i < 3; i++)
        {
            versions.Add(await services.Registry.RegisterAsync($"lru{i}", CoreServices.Model("logreg.onnx"), new ModelRegistration()));
        }

        var loadsBefore = services.Runtime.Loads;
        (await services.Cache.AcquireAsync(versions[0])).Dispose();
        (await services.Cache.AcquireAsync(versions[1])).Dispose();
        (await services.Cache.AcquireAsync(versions[0])).Dispose(); // lru1 is now the least recently used
        (await services.Cache.AcquireAsync(versions[2])).Dispose(); // evicts lru1

        Assert.Equal(3, services.Runtime.Loads - loadsBefore);
        Assert.Equal(2, services.Cache.Count);
        Assert.True(services.Cache.TotalBytes <= (modelBytes * 2 * 2) + 1);
        Assert.True(services.Cache.TryGetLoaded(new ModelKey("lru0", 1), out _));
        Assert.False(services.Cache.TryGetLoaded(new ModelKey("lru1", 1), out _));

        (await services.Cache.AcquireAsync(versions[1])).Dispose(); // comes back on demand
        Assert.Equal(4, services.Runtime.Loads - loadsBefore);
    }

    [Fact]
    public async Task Evict_WhileRequestHoldsModel_RunStillSucceeds()
    {
        using var services = new CoreServices(azurite);
        var version = await services.Registry.RegisterAsync("held", CoreServices.Model("logreg.onnx"), new ModelRegistration());
        using var lease = await services.Cache.AcquireAsync(version);

        services.Cache.Evict(new ModelKey("held", 1));
        var outputs = lease.Model.Session.Run([new NamedValue("x", new Tensor(TensorElementType.Float32, [1, 30], new float[30]))]);

        Assert.Single(outputs);
    }
}
