using ModelOps.Errors;
using ModelOps.Rollouts;
using ModelOps.Storage.Rollouts;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Rollouts;

[Collection(AzuriteCollection.Name)]
public sealed class TableTrafficStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Put_ThenHistory_NewestFirstAtFindsTheOneInEffectAndRetriesKeepOneEntry()
    {
        var store = new TableTrafficStore(StorageTestAccount.Create(azurite));
        await store.PutAsync("m", Change("a", T0, 1, 100), null);
        var second = await store.PutAsync("m", Change("b", T0.AddMinutes(10), 1, 90, 2, 10), null);
        await store.PutAsync("m", Change("b", T0.AddMinutes(10), 1, 90, 2, 10), null);

        var history = await store.ListHistoryAsync("m", 10, null);

        Assert.Equal(["b", "a"], history.Changes.Select(c => c.Id));
        Assert.Null(await store.GetHistoryAtAsync("m", T0.AddSeconds(-1)));
        Assert.Equal("a", (await store.GetHistoryAtAsync("m", T0.AddMinutes(9)))!.Id);
        Assert.Equal("b", (await store.GetHistoryAtAsync("m", T0.AddMinutes(10)))!.Id);
        Assert.Equal(10, (await store.GetAsync("m"))!.Policy.Weights[2]);
        Assert.NotEqual(second.ETag, (await store.GetAsync("m"))!.ETag);
    }

    [Fact]
    public async Task Put_StaleIfMatch_ChangesNeitherPolicyNorHistory()
    {
        var store = new TableTrafficStore(StorageTestAccount.Create(azurite));
        var first = await store.PutAsync("m", Change("a", T0, 1, 100), null);
        await store.PutAsync("m", Change("b", T0.AddMinutes(1), 2, 100), first.ETag);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.PutAsync("m", Change("c", T0.AddMinutes(2), 3, 100), first.ETag));

        Assert.Equal(100, (await store.GetAsync("m"))!.Policy.Weights[2]);
        Assert.Equal(["b", "a"], (await store.ListHistoryAsync("m", 10, null)).Changes.Select(c => c.Id));
    }

    private static ServingChange Change(string id, DateTimeOffset at, params int[] weights) =>
        new(id, at, new TrafficPolicy(weights.Chunk(2).ToDictionary(p => p[0], p => p[1])), "test", "because");
}
