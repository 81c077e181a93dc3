using ModelOps.Storage.Runs;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Storage.Tests.Runs;

[Collection(AzuriteCollection.Name)]
public sealed class TableRunIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static RunIndexEntry Entry(string model, string id, int minutes) => new(model, id, "Retraining", "manual", T0.AddMinutes(minutes));

    [Fact]
    public async Task List_NewestFirstInPages_OneModelOnly()
    {
        var index = new TableRunIndex(StorageTestAccount.Create(azurite));
        foreach (var (id, minutes) in new[] { ("r1", 1), ("r3", 3), ("r2", 2), ("r4", 4) })
        {
            await index.AddAsync(Entry("m", id, minutes));
        }

        await index.AddAsync(Entry("m", "r2", 2));
        await index.AddAsync(Entry("other", "x", 9));

        var first = await index.ListAsync("m", 3, null);
        var second = await index.ListAsync("m", 3, first.ContinuationToken);

        Assert.Equal(["r4", "r3", "r2"], first.Entries.Select(e => e.RunId));
        Assert.Equal(["r1"], second.Entries.Select(e => e.RunId));
        Assert.Null(second.ContinuationToken);
        Assert.Equal(Entry("m", "r4", 4), first.Entries[0]);
    }

    [Fact]
    public async Task StartedBefore_AcrossModels_AndRemove()
    {
        var index = new TableRunIndex(StorageTestAccount.Create(azurite));
        await index.AddAsync(Entry("a", "old-a", 0));
        await index.AddAsync(Entry("b", "old-b", 5));
        await index.AddAsync(Entry("b", "new-b", 20));

        var old = await index.ListStartedBeforeAsync(T0.AddMinutes(10)).ToListAsync();

        Assert.Equal(["old-a", "old-b"], old.Select(e => e.RunId).Order());
        await index.RemoveAsync(old[0]);
        await index.RemoveAsync(old[0]);
        Assert.Single(await index.ListStartedBeforeAsync(T0.AddMinutes(10)).ToListAsync());
    }
}
