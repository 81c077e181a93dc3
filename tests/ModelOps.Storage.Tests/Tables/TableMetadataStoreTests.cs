using System.Globalization;
using ModelOps.Storage.Tables;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableMetadataStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageAccount _account = StorageAccount.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
    private readonly string _table = AzuriteFixture.UniqueName("meta");

    private TableMetadataStore Store => new(_account.Tables);

    public Task InitializeAsync() => Store.EnsureTableAsync(_table);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EnsureTableAsync_Twice_ReportsExisting()
    {
        Assert.False(await _account.Tables.CreateTableAsync(_table));
    }

    [Fact]
    public async Task InsertAsync_TypedProperties_RoundTripWithTheirTypes()
    {
        var when = new DateTimeOffset(2026, 11, 22, 4, 13, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var id = Guid.Parse("8b5f0c2e-6c1a-4e0f-9f43-2a1d8e7f6b10");
        var entity = new TableEntity("iris", "v1")
        {
            ["Name"] = "Iris classifier",
            ["Version"] = 7,
            ["Size"] = long.MaxValue,
            ["Accuracy"] = 0.9733,
            ["Whole"] = 3.0,
            ["Approved"] = true,
            ["CreatedAt"] = when,
            ["RunId"] = id,
            ["Hash"] = new byte[] { 0, 1, 2, 254, 255 },
            ["Empty"] = string.Empty,
            ["Negative"] = -12L,
        };

        var etag = await Store.InsertAsync(_table, entity);
        var read = await Store.GetAsync(_table, "iris", "v1");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("Iris classifier", Assert.IsType<string>(read["Name"]));
        Assert.Equal(7, Assert.IsType<int>(read["Version"]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(read["Size"]));
        Assert.Equal(-12L, Assert.IsType<long>(read["Negative"]));
        Assert.Equal(0.9733, Assert.IsType<double>(read["Accuracy"]));
        Assert.Equal(3.0, Assert.IsType<double>(read["Whole"]));
        Assert.True(Assert.IsType<bool>(read["Approved"]));
        var createdAt = Assert.IsType<DateTimeOffset>(read["CreatedAt"]);
        Assert.Equal(when.UtcTicks, createdAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, createdAt.Offset);
        Assert.Equal(id, Assert.IsType<Guid>(read["RunId"]));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, Assert.IsType<byte[]>(read["Hash"]));
        Assert.Equal(string.Empty, read.GetString("Empty"));
        Assert.Equal(11, read.Properties.Count);
    }

    [Fact]
    public async Task QueryAsync_TypedProperties_RoundTripWithTheirTypesToo()
    {
        await Store.InsertAsync(_table, new TableEntity("typed-query", "a") { ["Big"] = 5_000_000_000L, ["Small"] = 5, ["Ratio"] = 2.0 });

        var page = await Store.QueryAsync(_table, new TableQuery("typed-query"));

        var read = Assert.Single(page.Entities);
        Assert.IsType<long>(read["Big"]);
        Assert.IsType<int>(read["Small"]);
        Assert.IsType<double>(read["Ratio"]);
        Assert.NotNull(read.ETag);
    }

    [Fact]
    public async Task QueryAsync_ETagOfQueriedEntity_GuardsAReplace()
    {
        await Store.InsertAsync(_table, new TableEntity("etag-query", "a") { ["V"] = 1 });
        var queried = Assert.Single((await Store.QueryAsync(_table, new TableQuery("etag-query"))).Entities);

        var etag = await Store.ReplaceAsync(_table, new TableEntity("etag-query", "a") { ["V"] = 2 }, queried.ETag);
        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.ReplaceAsync(_table, new TableEntity("etag-query", "a") { ["V"] = 3 }, queried.ETag));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.Equal(etag, (await Store.GetAsync(_table, "etag-query", "a"))!.ETag);
    }

    [Fact]
    public async Task InsertAsync_Twice_ThrowsAlreadyExists()
    {
        await Store.InsertAsync(_table, new TableEntity("dup", "1") { ["A"] = 1 });

        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.InsertAsync(_table, new TableEntity("dup", "1") { ["A"] = 2 }));

        Assert.Equal(StorageConflict.AlreadyExists, error.Conflict);
        Assert.Equal(1, (await Store.GetAsync(_table, "dup", "1"))!.GetInt64("A"));
    }

    [Fact]
    public async Task ReplaceAsync_CurrentETag_ReplacesAllPropertiesAndStaleETagThenFails()
    {
        var first = await Store.InsertAsync(_table, new TableEntity("rep", "1") { ["A"] = "a", ["B"] = "b" });

        var second = await Store.ReplaceAsync(_table, new TableEntity("rep", "1") { ["A"] = "a2" }, first);
        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.ReplaceAsync(_table, new TableEntity("rep", "1") { ["A"] = "lost update" }, first));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.NotEqual(first, second);
        var read = await Store.GetAsync(_table, "rep", "1");
        Assert.Equal("a2", read!.GetString("A"));
        Assert.False(read.Properties.ContainsKey("B"));
        Assert.Equal(second, read.ETag);
    }

    [Theory]
    [InlineData("\"bogus\"")]
    [InlineData("bogus")]
    [InlineData("W/\"0x8DC0FFEE\"")]
    public async Task Writes_ETagNotOfTableShape_ETagMismatchAndNothingChanged(string ifMatch)
    {
        var etag = await Store.InsertAsync(_table, new TableEntity("shape", "1") { ["A"] = "kept" });

        var replace = await Assert.ThrowsAsync<StorageConflictException>(() => Store.ReplaceAsync(_table, new TableEntity("shape", "1") { ["A"] = "x" }, ifMatch));
        var merge = await Assert.ThrowsAsync<StorageConflictException>(() => Store.MergeAsync(_table, new TableEntity("shape", "1") { ["B"] = "x" }, ifMatch));
        var delete = await Assert.ThrowsAsync<StorageConflictException>(() => Store.DeleteAsync(_table, "shape", "1", ifMatch));
        var batch = await Assert.ThrowsAsync<StorageConflictException>(() => Store.SubmitTransactionAsync(
            _table, [new TableAction(TableActionKind.Replace, new TableEntity("shape", "1") { ["A"] = "x" }, ifMatch)]));

        Assert.All([replace, merge, delete, batch], e => Assert.Equal(StorageConflict.ETagMismatch, e.Conflict));
        var read = await Store.GetAsync(_table, "shape", "1");
        Assert.Equal("kept", read!.GetString("A"));
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_ConcurrentWritersWithSameETag_ExactlyOneWins()
    {
        var original = await Store.InsertAsync(_table, new TableEntity("race", "1") { ["Writer"] = 0 });

        var attempts = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await Store.ReplaceAsync(_table, new TableEntity("race", "1") { ["Writer"] = i }, original);
                return i;
            }
            catch (StorageConflictException ex) when (ex.Conflict == StorageConflict.ETagMismatch)
            {
                return 0;
            }
        }).ToList();
        var winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToList();

        var winner = Assert.Single(winners);
        Assert.Equal(winner, (await Store.GetAsync(_table, "race", "1"))!.GetInt64("Writer"));
    }

    [Fact]
    public async Task ReplaceAsync_MissingEntity_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.ReplaceAsync(_table, new TableEntity("rep", "missing") { ["A"] = 1 }, null));

        Assert.Equal(StorageConflict.NotFound, error.Conflict);
    }

    [Fact]
    public async Task MergeAsync_CurrentETag_KeepsOtherPropertiesAndStaleETagThenFails()
    {
        var first = await Store.InsertAsync(_table, new TableEntity("merge", "1") { ["A"] = "a", ["B"] = 1 });

        var second = await Store.MergeAsync(_table, new TableEntity("merge", "1") { ["B"] = 2, ["C"] = true }, first);
        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.MergeAsync(_table, new TableEntity("merge", "1") { ["B"] = 3 }, first));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        var read = await Store.GetAsync(_table, "merge", "1");
        Assert.Equal("a", read!.GetString("A"));
        Assert.Equal(2, read.GetInt64("B"));
        Assert.True(read.GetBoolean("C"));
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task MergeAsync_MissingEntity_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.MergeAsync(_table, new TableEntity("merge", "missing") { ["A"] = 1 }, null));

        Assert.Equal(StorageConflict.NotFound, error.Conflict);
    }

    [Fact]
    public async Task UpsertAsync_NewThenExisting_InsertsThenReplaces()
    {
        await Store.UpsertAsync(_table, new TableEntity("up", "1") { ["A"] = 1, ["B"] = 1 });
        var etag = await Store.UpsertAsync(_table, new TableEntity("up", "1") { ["A"] = 2 });

        var read = await Store.GetAsync(_table, "up", "1");

        Assert.Equal(2, read!.GetInt64("A"));
        Assert.Null(read["B"]);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task DeleteAsync_StaleETagThenCurrentThenMissing_ThrowsThenTrueThenFalse()
    {
        var first = await Store.InsertAsync(_table, new TableEntity("del", "1") { ["A"] = 1 });
        var second = await Store.UpsertAsync(_table, new TableEntity("del", "1") { ["A"] = 2 });

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Store.DeleteAsync(_table, "del", "1", first));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.True(await Store.DeleteAsync(_table, "del", "1", second));
        Assert.False(await Store.DeleteAsync(_table, "del", "1"));
        Assert.Null(await Store.GetAsync(_table, "del", "1"));
    }

    [Fact]
    public async Task QueryAsync_TopSmallerThanPartition_PagesThroughEveryRowInOrderWithContinuation()
    {
        var rows = Enumerable.Range(0, 25).Select(i => $"r{i:D3}").ToList();
        foreach (var chunk in rows.Chunk(10))
        {
            await Store.SubmitTransactionAsync(
                _table, chunk.Select(r => new TableAction(TableActionKind.Insert, new TableEntity("paged", r) { ["N"] = r })).ToList());
        }

        await Store.InsertAsync(_table, new TableEntity("paged-other", "r000"));
        await Store.InsertAsync(_table, new TableEntity("pagea", "r000"));

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(_table, new TableQuery("paged", Top: 10, ContinuationToken: token));
            Assert.True(page.Entities.Count <= 10);
            seen.AddRange(page.Entities.Select(e => e.RowKey));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(rows, seen);
        Assert.True(pages >= 3, $"expected at least 3 pages, got {pages}");
    }

    [Fact]
    public async Task QueryAsync_ExtraFilter_IsAndedWithPartition()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.InsertAsync(_table, new TableEntity("filtered", $"v{i}") { ["Score"] = i * 10 });
        }

        await Store.InsertAsync(_table, new TableEntity("elsewhere", "v5") { ["Score"] = 50 });

        var page = await Store.QueryAsync(_table, new TableQuery("filtered", "RowKey ge 'v2' and Score lt 50"));

        Assert.Equal(["v2", "v3", "v4"], page.Entities.Select(e => e.RowKey));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_NoPartition_ReturnsAllMatchingRows()
    {
        var table = AzuriteFixture.UniqueName("all");
        await Store.EnsureTableAsync(table);
        await Store.InsertAsync(table, new TableEntity("p1", "a"));
        await Store.InsertAsync(table, new TableEntity("p2", "b"));

        var page = await Store.QueryAsync(table, new TableQuery());

        Assert.Equal(["p1", "p2"], page.Entities.Select(e => e.PartitionKey));
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedActions_AppliesAllAndReturnsETagsInOrder()
    {
        var existing = await Store.InsertAsync(_table, new TableEntity("tx", "replace-me") { ["A"] = 1 });
        await Store.InsertAsync(_table, new TableEntity("tx", "merge-me") { ["A"] = 1 });
        await Store.InsertAsync(_table, new TableEntity("tx", "delete-me") { ["A"] = 1 });

        var etags = await Store.SubmitTransactionAsync(_table,
        [
            new TableAction(TableActionKind.Insert, new TableEntity("tx", "new") { ["A"] = 1 }),
            new TableAction(TableActionKind.Upsert, new TableEntity("tx", "upserted") { ["A"] = 2 }),
            new TableAction(TableActionKind.Replace, new TableEntity("tx", "replace-me") { ["B"] = 3 }, existing),
            new TableAction(TableActionKind.Merge, new TableEntity("tx", "merge-me") { ["B"] = 4 }),
            new TableAction(TableActionKind.Delete, new TableEntity("tx", "delete-me")),
        ]);

        Assert.Equal(5, etags.Count);
        Assert.All(etags.Take(4), Assert.NotNull);
        Assert.Null(etags[4]);
        Assert.Equal(etags[0], (await Store.GetAsync(_table, "tx", "new"))!.ETag);
        Assert.Equal(2, (await Store.GetAsync(_table, "tx", "upserted"))!.GetInt64("A"));
        var replaced = await Store.GetAsync(_table, "tx", "replace-me");
        Assert.Null(replaced!["A"]);
        Assert.Equal(3, replaced.GetInt64("B"));
        var merged = await Store.GetAsync(_table, "tx", "merge-me");
        Assert.Equal(1, merged!.GetInt64("A"));
        Assert.Equal(4, merged.GetInt64("B"));
        Assert.Null(await Store.GetAsync(_table, "tx", "delete-me"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_OneInsertCollides_RollsBackEveryAction()
    {
        await Store.InsertAsync(_table, new TableEntity("rollback", "taken") { ["A"] = "original" });

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Store.SubmitTransactionAsync(_table,
        [
            new TableAction(TableActionKind.Insert, new TableEntity("rollback", "a")),
            new TableAction(TableActionKind.Upsert, new TableEntity("rollback", "b")),
            new TableAction(TableActionKind.Insert, new TableEntity("rollback", "taken") { ["A"] = "clobbered" }),
        ]));

        Assert.Equal(StorageConflict.AlreadyExists, error.Conflict);
        Assert.Null(await Store.GetAsync(_table, "rollback", "a"));
        Assert.Null(await Store.GetAsync(_table, "rollback", "b"));
        Assert.Equal("original", (await Store.GetAsync(_table, "rollback", "taken"))!.GetString("A"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_ThrowsETagMismatchAndChangesNothing()
    {
        var stale = await Store.InsertAsync(_table, new TableEntity("stale", "x") { ["A"] = 1 });
        var current = await Store.ReplaceAsync(_table, new TableEntity("stale", "x") { ["A"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Store.SubmitTransactionAsync(_table,
        [
            new TableAction(TableActionKind.Insert, new TableEntity("stale", "y")),
            new TableAction(TableActionKind.Replace, new TableEntity("stale", "x") { ["A"] = 3 }, stale),
        ]));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.Null(await Store.GetAsync(_table, "stale", "y"));
        var read = await Store.GetAsync(_table, "stale", "x");
        Assert.Equal(2, read!.GetInt64("A"));
        Assert.Equal(current, read.ETag);
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitions_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SubmitTransactionAsync(_table,
        [
            new TableAction(TableActionKind.Insert, new TableEntity("p1", "a")),
            new TableAction(TableActionKind.Insert, new TableEntity("p2", "a")),
        ]));
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredInserts_AllLand()
    {
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableAction(TableActionKind.Insert, new TableEntity("hundred", i.ToString("D3", CultureInfo.InvariantCulture))))
            .ToList();

        var etags = await Store.SubmitTransactionAsync(_table, actions);

        Assert.Equal(100, etags.Count);
        var page = await Store.QueryAsync(_table, new TableQuery("hundred"));
        Assert.Equal(100, page.Entities.Count);
    }

    [Theory]
    [InlineData("it's a 'quoted' key", "row 'one'")]
    [InlineData("ümlaut 日本語 naïve", "plus+amp&eq=pct%semi;comma,")]
    [InlineData("parens(and)star*", "at@dollar$ excl! tilde~")]
    public async Task Operations_SpecialCharactersInKeys_RoundTrip(string partitionKey, string rowKey)
    {
        var etag = await Store.InsertAsync(_table, new TableEntity(partitionKey, rowKey) { ["V"] = 1 });

        var read = await Store.GetAsync(_table, partitionKey, rowKey);
        Assert.NotNull(read);
        Assert.Equal(partitionKey, read.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);
        var replaced = await Store.ReplaceAsync(_table, new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, etag);
        await Store.MergeAsync(_table, new TableEntity(partitionKey, rowKey) { ["W"] = 3 }, replaced);
        var page = await Store.QueryAsync(_table, new TableQuery(partitionKey));
        var queried = Assert.Single(page.Entities);
        Assert.Equal(rowKey, queried.RowKey);
        Assert.Equal(2, queried.GetInt64("V"));
        Assert.Equal(3, queried.GetInt64("W"));
        await Store.SubmitTransactionAsync(_table, [new TableAction(TableActionKind.Delete, new TableEntity(partitionKey, rowKey))]);
        Assert.Null(await Store.GetAsync(_table, partitionKey, rowKey));
    }

    [Fact]
    public async Task GetAsync_MissingTable_ThrowsRequestExceptionWithCode()
    {
        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => Store.InsertAsync(AzuriteFixture.UniqueName("notable"), new TableEntity("a", "b")));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetAndDelete_MissingTable_ReportNoEntityAsThePortSays()
    {
        var missing = AzuriteFixture.UniqueName("notable");

        Assert.Null(await Store.GetAsync(missing, "a", "b"));
        Assert.False(await Store.DeleteAsync(missing, "a", "b"));
    }

    [Fact]
    public async Task InsertAsync_UnsupportedPropertyType_ThrowsArgumentExceptionNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Store.InsertAsync(_table, new TableEntity("bad", "1") { ["Weird"] = new object() }));

        Assert.Contains("Weird", error.Message, StringComparison.Ordinal);
    }
}
