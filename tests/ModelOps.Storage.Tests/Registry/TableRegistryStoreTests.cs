using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Storage.Registry;
using ModelOps.Tensors;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Registry;

[Collection(AzuriteCollection.Name)]
public sealed class TableRegistryStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private TableRegistryStore NewStore() => new(StorageTestAccount.Create(azurite));

    private static ModelVersion Version(string model, int number, string? description = null) => new()
    {
        Name = model,
        Version = number,
        Sha256 = new string('a', 64),
        Size = 10,
        Inputs = [ValueSpec.ForTensor("x", TensorElementType.Float32, -1, 3)],
        Outputs = [ValueSpec.ForTensor("y", TensorElementType.Float32, -1)],
        Description = description,
        Tags = new Dictionary<string, string> { ["team"] = "ml" },
        Metrics = new Dictionary<string, double> { ["auc"] = 0.9 },
        CreatedAt = T0,
    };

    [Fact]
    public async Task ReserveVersion_FirstOfAModel_CreatesTheModelAndAPendingVersion()
    {
        var store = NewStore();

        var pending = await store.TryReserveVersionAsync("m", 1, null, T0);

        Assert.NotNull(pending);
        var model = await store.GetModelAsync("m");
        Assert.Equal((1, T0, false, false), (model!.LastNumber, model.CreatedAt, model.RequireApproval, model.Deleted));
        var version = await store.GetVersionAsync("m", 1);
        Assert.Equal(VersionState.Pending, version!.State);
        Assert.Equal(pending, version.Version.ETag);
    }

    [Fact]
    public async Task ReserveVersion_StaleModelOrTakenNumber_ReturnsNullAndWritesNothing()
    {
        var store = NewStore();
        await store.TryReserveVersionAsync("m", 1, null, T0);
        var seen = await store.GetModelAsync("m");
        Assert.NotNull(await store.TryReserveVersionAsync("m", 2, seen, T0));

        Assert.Null(await store.TryReserveVersionAsync("m", 2, seen, T0)); // the model row moved on
        Assert.Null(await store.TryReserveVersionAsync("m", 1, null, T0)); // the model exists
        Assert.Equal(2, (await store.GetModelAsync("m"))!.LastNumber);
        Assert.Equal([1, 2], await store.ListVersionsAsync("m").Select(v => v.Version.Version).ToListAsync());
    }

    [Fact]
    public async Task ReserveVersion_ManyAtOnce_EveryNumberTakenOnce()
    {
        var store = NewStore();

        async Task<int> ReserveAsync()
        {
            while (true)
            {
                var model = await store.GetModelAsync("race");
                var next = (model?.LastNumber ?? 0) + 1;
                if (await store.TryReserveVersionAsync("race", next, model, T0) is not null)
                {
                    return next;
                }
            }
        }

        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(ReserveAsync)));

        Assert.Equal(Enumerable.Range(1, 20), numbers.Order());
    }

    [Fact]
    public async Task ReleaseVersion_LastNumber_StepsTheCounterBackSoTheNumberIsGivenAgain()
    {
        var store = NewStore();
        await store.TryReserveVersionAsync("m", 1, null, T0);
        var second = (await store.TryReserveVersionAsync("m", 2, await store.GetModelAsync("m"), T0))!;

        Assert.True(await store.TryReleaseVersionAsync("m", 2, second, (await store.GetModelAsync("m"))!, T0));

        Assert.Equal(1, (await store.GetModelAsync("m"))!.LastNumber);
        Assert.Null(await store.GetVersionAsync("m", 2));
        Assert.NotNull(await store.TryReserveVersionAsync("m", 2, await store.GetModelAsync("m"), T0));
    }

    [Fact]
    public async Task ReleaseVersion_NotTheLastNumber_LeavesTheCounterAndAGap()
    {
        var store = NewStore();
        var first = (await store.TryReserveVersionAsync("m", 1, null, T0))!;
        await store.TryReserveVersionAsync("m", 2, await store.GetModelAsync("m"), T0);

        Assert.True(await store.TryReleaseVersionAsync("m", 1, first, (await store.GetModelAsync("m"))!, T0));

        Assert.Equal(2, (await store.GetModelAsync("m"))!.LastNumber);
        Assert.Equal([2], await store.ListVersionsAsync("m").Select(v => v.Version.Version).ToListAsync());
    }

    [Fact]
    public async Task ReleaseVersion_StaleModelRecord_WritesNothing()
    {
        var store = NewStore();
        var pending = (await store.TryReserveVersionAsync("m", 1, null, T0))!;
        var seen = (await store.GetModelAsync("m"))!;
        await store.ReplaceModelAsync(seen with { RequireApproval = true });

        Assert.False(await store.TryReleaseVersionAsync("m", 1, pending, seen, T0));

        Assert.Equal(VersionState.Pending, (await store.GetVersionAsync("m", 1))!.State);
    }

    [Fact]
    public async Task ReplaceModel_KeepsTheCounterAndRefusesAStaleRecord()
    {
        var store = NewStore();
        await store.TryReserveVersionAsync("m", 1, null, T0);
        var seen = (await store.GetModelAsync("m"))!;

        var updated = await store.ReplaceModelAsync(seen with { RequireApproval = true, Deleted = true });
        var stale = await Assert.ThrowsAsync<StoreConflictException>(() => store.ReplaceModelAsync(seen with { RequireApproval = false }));

        Assert.Equal(StoreConflict.Changed, stale.Conflict);
        Assert.Equal((1, true, true, updated.ETag), ((await store.GetModelAsync("m"))!.LastNumber, updated.RequireApproval, updated.Deleted, (await store.GetModelAsync("m"))!.ETag));
    }

    [Fact]
    public async Task ReplaceVersion_WithCurrentETag_StoresEveryField()
    {
        var store = NewStore();
        var pending = (await store.TryReserveVersionAsync("m", 1, null, T0))!;

        var etag = await store.ReplaceVersionAsync(Version("m", 1, "first"), VersionState.Ready, pending);

        var stored = (await store.GetVersionAsync("m", 1))!;
        Assert.Equal(VersionState.Ready, stored.State);
        Assert.Equal(etag, stored.Version.ETag);
        Assert.Equal(("first", "ml", 0.9, 3L), (stored.Version.Description, stored.Version.Tags["team"], stored.Version.Metrics["auc"], stored.Version.Inputs[0].Shape[1]));
    }

    [Theory]
    [InlineData("W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"")]
    [InlineData("not-an-etag")]
    public async Task ReplaceVersion_StaleOrForeignETag_IsAConflictAndChangesNothing(string etag)
    {
        var store = NewStore();
        var pending = (await store.TryReserveVersionAsync("m", 1, null, T0))!;
        await store.ReplaceVersionAsync(Version("m", 1, "first"), VersionState.Ready, pending);

        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => store.ReplaceVersionAsync(Version("m", 1, "second"), VersionState.Ready, etag));

        Assert.Equal(StoreConflict.Changed, conflict.Conflict);
        Assert.Equal("first", (await store.GetVersionAsync("m", 1))!.Version.Description);
    }

    [Fact]
    public async Task DeleteVersion_WithItsETagOnly()
    {
        var store = NewStore();
        var pending = (await store.TryReserveVersionAsync("m", 1, null, T0))!;
        var ready = await store.ReplaceVersionAsync(Version("m", 1), VersionState.Ready, pending);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.DeleteVersionAsync("m", 1, pending));
        Assert.True(await store.DeleteVersionAsync("m", 1, ready));
        Assert.False(await store.DeleteVersionAsync("m", 1, null));
        Assert.Null(await store.GetVersionAsync("m", 1));
    }

    [Fact]
    public async Task Aliases_SetConditionallyListAndDelete()
    {
        var store = NewStore();
        var champion = await store.SetAliasAsync("m", "champion", 1, T0, ifMatch: null);
        await store.SetAliasAsync("m", "shadow", 2, T0, ifMatch: null);

        var moved = await store.SetAliasAsync("m", "champion", 3, T0, champion.ETag);
        var lost = await Assert.ThrowsAsync<StoreConflictException>(() => store.SetAliasAsync("m", "champion", 4, T0, champion.ETag));

        Assert.Equal(StoreConflict.Changed, lost.Conflict);
        Assert.Equal(3, (await store.GetAliasAsync("m", "champion"))!.Version);
        Assert.Equal([("champion", 3), ("shadow", 2)], (await store.ListAliasesAsync("m")).Select(a => (a.Alias, a.Version)));
        var missing = await Assert.ThrowsAsync<StoreConflictException>(() => store.SetAliasAsync("m", "nobody", 1, T0, "*"));
        Assert.Equal(StoreConflict.NotFound, missing.Conflict);
        Assert.True(await store.DeleteAliasAsync("m", "champion", moved.ETag));
        Assert.Null(await store.GetAliasAsync("m", "champion"));
    }

    [Fact]
    public async Task ListModels_SeesEveryModelAndOnlyModelRows()
    {
        var store = NewStore();
        foreach (var name in new[] { "b", "a", "c" })
        {
            await store.TryReserveVersionAsync(name, 1, null, T0);
            await store.SetAliasAsync(name, "champion", 1, T0, null);
        }

        Assert.Equal(["a", "b", "c"], await store.ListModelsAsync().Select(m => m.Name).ToListAsync());
    }

    [Fact]
    public async Task Check_AnswersWhenTheStoreIsReachable()
    {
        await NewStore().CheckAsync();
    }
}
