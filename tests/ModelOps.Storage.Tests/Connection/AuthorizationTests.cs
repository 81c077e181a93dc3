using ModelOps.Storage.Blobs;
using ModelOps.Storage.Queues;
using ModelOps.Storage.Tables;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Connection;

/// <summary>Azurite checks Shared Key signatures: the right key passes (every other test), a wrong one is refused by each service.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuthorizationTests(AzuriteFixture azurite)
{
    private readonly StorageAccount _wrongKey = StorageAccount.Create(new StorageOptions
    {
        ConnectionString = azurite.ConnectionString.Replace(
            "AccountKey=Eby8", "AccountKey=AAAA", StringComparison.Ordinal),
        MaxRetries = 0,
    });

    [Fact]
    public async Task CreateContainerAsync_WrongAccountKey_ThrowsForbidden()
    {
        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => new BlobArtifactStore(_wrongKey.Blobs).EnsureContainerAsync(AzuriteFixture.UniqueName("auth")));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
    }

    [Fact]
    public async Task CreateQueueAsync_WrongAccountKey_ThrowsForbidden()
    {
        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => new QueueWorkQueue(_wrongKey.Queues).EnsureQueueAsync(AzuriteFixture.UniqueName("auth")));

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task CreateTableAsync_WrongAccountKey_ThrowsForbidden()
    {
        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => new TableMetadataStore(_wrongKey.Tables).EnsureTableAsync(AzuriteFixture.UniqueName("auth")));

        Assert.Equal(403, error.Status);
    }
}
