using System.Security.Cryptography;
using System.Text;
using ModelOps.Storage.Blobs;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Blobs;

[Collection(AzuriteCollection.Name)]
public sealed class BlobArtifactStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageAccount _account = StorageAccount.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
    private readonly string _container = AzuriteFixture.UniqueName("blobs");

    private BlobArtifactStore Store => new(_account.Blobs);

    public Task InitializeAsync() => Store.EnsureContainerAsync(_container);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EnsureContainerAsync_Twice_SecondCallSucceedsAndReportsExisting()
    {
        Assert.False(await _account.Blobs.CreateContainerAsync(_container));
        var fresh = AzuriteFixture.UniqueName("fresh");
        Assert.True(await _account.Blobs.CreateContainerAsync(fresh));
    }

    [Fact]
    public async Task UploadAsync_SmallContent_RoundTripsBytesContentTypeAndMetadata()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");
        var uploaded = await Store.UploadAsync(
            _container,
            "cards/card.json",
            new MemoryStream(bytes),
            new ArtifactUploadOptions
            {
                ContentType = "application/json",
                Metadata = new Dictionary<string, string> { ["sha256"] = "abc", ["model"] = "iris" },
            });

        await using var download = await Store.OpenReadAsync(_container, "cards/card.json");

        Assert.NotNull(download);
        Assert.Equal(bytes, await ReadAllAsync(download.Content));
        Assert.Equal(bytes.Length, download.Info.Length);
        Assert.Equal("application/json", download.Info.ContentType);
        Assert.Equal(uploaded.ETag, download.Info.ETag);
        Assert.Equal("abc", download.Info.Metadata["sha256"]);
        Assert.Equal("iris", download.Info.Metadata["model"]);
        Assert.Equal(bytes.Length, uploaded.Length);
    }

    [Fact]
    public async Task UploadAsync_EmptyContent_CreatesEmptyBlob()
    {
        await Store.UploadAsync(_container, "empty.bin", new MemoryStream());

        var info = await Store.GetInfoAsync(_container, "empty.bin");

        Assert.NotNull(info);
        Assert.Equal(0, info.Length);
    }

    [Fact]
    public async Task UploadAsync_TenMiBFromNonSeekableStream_UploadsInBlocksAndRoundTripsBytes()
    {
        var bytes = RandomBytes(10 * 1024 * 1024 + 12345, seed: 7);
        var source = new ForwardOnlyStream(bytes);

        var uploaded = await Store.UploadAsync(_container, "models/big/1/model.onnx", source);

        Assert.Equal(bytes.Length, uploaded.Length);
        Assert.True(source.LargestRead <= _account.Blobs.BlockSize, "reads never exceed one block");
        var blockList = await RawStorageRequest.GetXmlAsync(
            azurite.ConnectionString,
            Storage.Connection.StorageConnectionString.Parse(azurite.ConnectionString).BlobEndpoint,
            $"/{_container}/models/big/1/model.onnx",
            ("blocklisttype", "committed"),
            ("comp", "blocklist"));
        var sizes = blockList.Element("CommittedBlocks")!.Elements("Block").Select(b => long.Parse(b.Element("Size")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([4L * 1024 * 1024, 4L * 1024 * 1024, 2L * 1024 * 1024 + 12345], sizes);
        await using var download = await Store.OpenReadAsync(_container, "models/big/1/model.onnx");
        Assert.NotNull(download);
        Assert.Equal(bytes.Length, download.Info.Length);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await ReadAllAsync(download.Content)));
        Assert.Equal(uploaded.ETag, download.Info.ETag);
    }

    [Fact]
    public async Task UploadAsync_ExactlyOneBlock_UsesSinglePutAndRoundTrips()
    {
        var bytes = RandomBytes(_account.Blobs.BlockSize, seed: 3);

        await Store.UploadAsync(_container, "one-block.bin", new MemoryStream(bytes));

        await using var download = await Store.OpenReadAsync(_container, "one-block.bin");
        Assert.NotNull(download);
        Assert.Equal(bytes, await ReadAllAsync(download.Content));
    }

    [Fact]
    public async Task PutBlockListAsync_StagedBlocks_InvisibleUntilCommittedThenInOrder()
    {
        var blobs = _account.Blobs;
        var id1 = Convert.ToBase64String("b-1"u8.ToArray());
        var id2 = Convert.ToBase64String("b-2"u8.ToArray());
        await blobs.PutBlockAsync(_container, "staged.txt", id2, "world"u8.ToArray());
        await blobs.PutBlockAsync(_container, "staged.txt", id1, "hello "u8.ToArray());

        Assert.Null(await blobs.GetPropertiesAsync(_container, "staged.txt"));
        await blobs.PutBlockListAsync(_container, "staged.txt", [id1, id2], new ArtifactUploadOptions { ContentType = "text/plain" });

        await using var download = await blobs.DownloadAsync(_container, "staged.txt");
        Assert.NotNull(download);
        Assert.Equal("hello world", Encoding.UTF8.GetString(await ReadAllAsync(download.Content)));
        Assert.Equal("text/plain", download.Info.ContentType);
    }

    [Fact]
    public async Task UploadAsync_OnlyIfAbsentOnExistingBlob_ThrowsAlreadyExistsAndKeepsContent()
    {
        await Store.UploadAsync(_container, "once.txt", new MemoryStream("first"u8.ToArray()));

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Store.UploadAsync(
            _container, "once.txt", new MemoryStream("second"u8.ToArray()), new ArtifactUploadOptions { OnlyIfAbsent = true }));

        Assert.Equal(StorageConflict.AlreadyExists, error.Conflict);
        Assert.Equal("first", await ReadTextAsync("once.txt"));
    }

    [Fact]
    public async Task UploadAsync_OnlyIfAbsentOnNewBlob_Writes()
    {
        await Store.UploadAsync(_container, "new.txt", new MemoryStream("x"u8.ToArray()), new ArtifactUploadOptions { OnlyIfAbsent = true });

        Assert.Equal("x", await ReadTextAsync("new.txt"));
    }

    [Fact]
    public async Task UploadAsync_LargeContentOnlyIfAbsentOnExistingBlob_ThrowsAlreadyExists()
    {
        var store = new BlobArtifactStore(StorageAccount.Create(new StorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            BlockSize = 64 * 1024,
        }).Blobs);
        await store.UploadAsync(_container, "big-once.bin", new MemoryStream(RandomBytes(200_000, seed: 1)));

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => store.UploadAsync(
            _container, "big-once.bin", new MemoryStream(RandomBytes(200_000, seed: 2)), new ArtifactUploadOptions { OnlyIfAbsent = true }));

        Assert.Equal(StorageConflict.AlreadyExists, error.Conflict);
        await using var download = await store.OpenReadAsync(_container, "big-once.bin");
        Assert.Equal(RandomBytes(200_000, seed: 1), await ReadAllAsync(download!.Content));
    }

    [Fact]
    public async Task UploadAsync_SmallBlocks_CommitsManyBlocksInOrder()
    {
        var bytes = RandomBytes(64 * 1024 * 5 + 1, seed: 11);
        var store = new BlobArtifactStore(StorageAccount.Create(new StorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            BlockSize = 64 * 1024,
        }).Blobs);

        await store.UploadAsync(_container, "six-blocks.bin", new ForwardOnlyStream(bytes));

        await using var download = await store.OpenReadAsync(_container, "six-blocks.bin");
        Assert.Equal(bytes, await ReadAllAsync(download!.Content));
    }

    [Fact]
    public async Task UploadAsync_StaleIfMatch_ThrowsETagMismatch()
    {
        var first = await Store.UploadAsync(_container, "versioned.txt", new MemoryStream("v1"u8.ToArray()));
        var second = await Store.UploadAsync(
            _container, "versioned.txt", new MemoryStream("v2"u8.ToArray()), new ArtifactUploadOptions { IfMatch = first.ETag });

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Store.UploadAsync(
            _container, "versioned.txt", new MemoryStream("v3"u8.ToArray()), new ArtifactUploadOptions { IfMatch = first.ETag }));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("v2", await ReadTextAsync("versioned.txt"));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(200_000)]
    public async Task UploadAsync_IfMatchOnMissingBlob_ThrowsConflictAndWritesNothing(int length)
    {
        var store = SmallBlockStore();

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => store.UploadAsync(
            _container, $"absent-{length}", new MemoryStream(RandomBytes(length, 5)), new ArtifactUploadOptions { IfMatch = "\"0x8D000000000000\"" }));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.Null(await store.GetInfoAsync(_container, $"absent-{length}"));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(200_000)]
    public async Task UploadAsync_ConcurrentWritersWithSameETag_ExactlyOneWins(int length)
    {
        var store = SmallBlockStore();
        var original = await store.UploadAsync(_container, $"race-{length}", new MemoryStream([0]));

        var attempts = Enumerable.Range(1, 6).Select(async i =>
        {
            try
            {
                await store.UploadAsync(
                    _container, $"race-{length}", new MemoryStream(RandomBytes(length, i)), new ArtifactUploadOptions { IfMatch = original.ETag });
                return i;
            }
            catch (StorageConflictException ex) when (ex.Conflict == StorageConflict.ETagMismatch)
            {
                return 0;
            }
        }).ToList();
        var winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToList();

        var winner = Assert.Single(winners);
        await using var download = await store.OpenReadAsync(_container, $"race-{length}");
        Assert.Equal(RandomBytes(length, winner), await ReadAllAsync(download!.Content));
    }

    [Fact]
    public async Task OpenReadAsync_MissingBlob_ReturnsNull()
    {
        Assert.Null(await Store.OpenReadAsync(_container, "missing.bin"));
        Assert.Null(await Store.GetInfoAsync(_container, "missing.bin"));
    }

    [Fact]
    public async Task OpenReadAsync_MissingContainer_ThrowsRequestExceptionWithCode()
    {
        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => Store.UploadAsync(AzuriteFixture.UniqueName("nocontainer"), "x", new MemoryStream([1])));

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task ReadsAndDelete_MissingContainer_ReportNoBlobAsThePortSays()
    {
        var missing = AzuriteFixture.UniqueName("nocontainer");

        Assert.Null(await Store.OpenReadAsync(missing, "x"));
        Assert.Null(await Store.GetInfoAsync(missing, "x"));
        Assert.False(await Store.DeleteAsync(missing, "x"));
    }

    [Fact]
    public async Task ListAsync_MorePagesThanOne_ReturnsEveryPrefixedBlobInNameOrder()
    {
        var names = Enumerable.Range(0, 7).Select(i => $"runs/r{i:D2}.json").ToList();
        foreach (var name in names.AsEnumerable().Reverse())
        {
            await Store.UploadAsync(_container, name, new MemoryStream("{}"u8.ToArray()));
        }

        await Store.UploadAsync(_container, "other/x.json", new MemoryStream("{}"u8.ToArray()));
        var store = new BlobArtifactStore(_account.Blobs) { ListPageSize = 2 };

        var listed = new List<ArtifactInfo>();
        await foreach (var info in store.ListAsync(_container, "runs/"))
        {
            listed.Add(info);
        }

        Assert.Equal(names, listed.Select(i => i.Name));
        Assert.All(listed, i => Assert.Equal(2, i.Length));
        Assert.All(listed, i => Assert.StartsWith("\"", i.ETag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListBlobsAsync_MaxResults_ReturnsMarkerThatContinues()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.UploadAsync(_container, $"page/{i}", new MemoryStream([1]), new ArtifactUploadOptions
            {
                Metadata = new Dictionary<string, string> { ["index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        }

        var first = await _account.Blobs.ListBlobsAsync(_container, "page/", null, 2);
        var second = await _account.Blobs.ListBlobsAsync(_container, "page/", first.NextMarker, 2);

        Assert.Equal(["page/0", "page/1"], first.Blobs.Select(b => b.Name));
        Assert.NotNull(first.NextMarker);
        Assert.Equal(["page/2"], second.Blobs.Select(b => b.Name));
        Assert.Null(second.NextMarker);
        Assert.Equal("2", second.Blobs[0].Metadata["index"]);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        await Store.UploadAsync(_container, "doomed.txt", new MemoryStream([1]));

        Assert.True(await Store.DeleteAsync(_container, "doomed.txt"));
        Assert.False(await Store.DeleteAsync(_container, "doomed.txt"));
        Assert.Null(await Store.GetInfoAsync(_container, "doomed.txt"));
    }

    [Fact]
    public async Task DeleteAsync_StaleIfMatch_ThrowsETagMismatchAndKeepsBlob()
    {
        var first = await Store.UploadAsync(_container, "guarded.txt", new MemoryStream([1]));
        var second = await Store.UploadAsync(_container, "guarded.txt", new MemoryStream([2]));

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Store.DeleteAsync(_container, "guarded.txt", first.ETag));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.True(await Store.DeleteAsync(_container, "guarded.txt", second.ETag));
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_HeldLease_SecondCallerGetsNullAndWritesNeedTheLease()
    {
        await Store.UploadAsync(_container, "leased.txt", new MemoryStream("a"u8.ToArray()));

        await using var lease = await Store.TryAcquireLeaseAsync(_container, "leased.txt", TimeSpan.FromSeconds(15));

        Assert.NotNull(lease);
        Assert.Null(await Store.TryAcquireLeaseAsync(_container, "leased.txt", TimeSpan.FromSeconds(15)));
        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.UploadAsync(_container, "leased.txt", new MemoryStream("b"u8.ToArray())));
        Assert.Equal(StorageConflict.LeaseMismatch, error.Conflict);
        await Store.UploadAsync(_container, "leased.txt", new MemoryStream("c"u8.ToArray()), new ArtifactUploadOptions { LeaseId = lease.LeaseId });
        await lease.RenewAsync();
        Assert.Equal("c", await ReadTextAsync("leased.txt"));
    }

    [Fact]
    public async Task ReleaseAsync_HeldInfiniteLease_LetsTheNextCallerAcquire()
    {
        await Store.UploadAsync(_container, "lock", new MemoryStream([0]));
        var lease = await Store.TryAcquireLeaseAsync(_container, "lock", null);
        Assert.NotNull(lease);

        await lease.DisposeAsync();
        await lease.ReleaseAsync();

        await using var next = await Store.TryAcquireLeaseAsync(_container, "lock", null);
        Assert.NotNull(next);
        Assert.NotEqual(lease.LeaseId, next.LeaseId);
    }

    [Fact]
    public async Task RenewLeaseAsync_WrongLeaseId_ThrowsLeaseMismatch()
    {
        await Store.UploadAsync(_container, "renew", new MemoryStream([0]));
        await using var lease = await Store.TryAcquireLeaseAsync(_container, "renew", TimeSpan.FromSeconds(60));
        Assert.NotNull(lease);

        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => _account.Blobs.RenewLeaseAsync(_container, "renew", Guid.NewGuid().ToString()));

        Assert.Equal(StorageConflict.LeaseMismatch, error.Conflict);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_MissingBlob_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.TryAcquireLeaseAsync(_container, "nothing-here", TimeSpan.FromSeconds(15)));

        Assert.Equal(StorageConflict.NotFound, error.Conflict);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_DurationOutOfRange_ThrowsBeforeCallingTheService()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.TryAcquireLeaseAsync(_container, "x", TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("models/iris v1/model.onnx")]
    [InlineData("ümlaut/日本語/naïve+plus&amp=eq%25;semi,comma'quote(paren).bin")]
    [InlineData("hash#and?question!star*@at$dollar.bin")]
    public async Task UploadAsync_SpecialCharactersInName_RoundTripsAndListsUnderExactName(string name)
    {
        await Store.UploadAsync(_container, name, new MemoryStream(Encoding.UTF8.GetBytes(name)));

        Assert.Equal(name, await ReadTextAsync(name));
        var listed = new List<string>();
        await foreach (var info in Store.ListAsync(_container, name[..5]))
        {
            listed.Add(info.Name);
        }

        Assert.Contains(name, listed);
        Assert.True(await Store.DeleteAsync(_container, name));
    }

    private BlobArtifactStore SmallBlockStore() =>
        new(StorageAccount.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, BlockSize = 64 * 1024 }).Blobs);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task<string> ReadTextAsync(string name)
    {
        await using var download = await Store.OpenReadAsync(_container, name);
        Assert.NotNull(download);
        return Encoding.UTF8.GetString(await ReadAllAsync(download.Content));
    }

    /// <summary>A stream that can only be read forward (like a request body), recording the largest read asked of it.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public int LargestRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            LargestRead = Math.Max(LargestRead, buffer.Length);
            // Hand out at most 100 000 bytes per call, as a network stream would.
            var count = Math.Min(Math.Min(buffer.Length, 100_000), content.Length - _position);
            content.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
