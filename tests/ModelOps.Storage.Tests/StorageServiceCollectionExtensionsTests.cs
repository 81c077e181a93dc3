using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Storage.Blobs;
using ModelOps.Storage.Queues;
using ModelOps.Storage.Tables;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageServiceCollectionExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddModelOpsStorage_ConnectionString_ResolvesWorkingSingletonPorts()
    {
        using var provider = new ServiceCollection()
            .AddModelOpsStorage(o => o.ConnectionString = azurite.ConnectionString)
            .BuildServiceProvider();

        var artifacts = provider.GetRequiredService<IArtifactStore>();
        var metadata = provider.GetRequiredService<IMetadataStore>();
        var queue = provider.GetRequiredService<IWorkQueue>();

        Assert.IsType<BlobArtifactStore>(artifacts);
        Assert.IsType<TableMetadataStore>(metadata);
        Assert.IsType<QueueWorkQueue>(queue);
        Assert.Same(artifacts, provider.GetRequiredService<IArtifactStore>());
        var name = AzuriteFixture.UniqueName("di");
        await artifacts.EnsureContainerAsync(name);
        await metadata.EnsureTableAsync(name);
        await queue.EnsureQueueAsync(name);
        await queue.EnqueueAsync(name, "ping");
        Assert.Equal(1, await queue.GetApproximateCountAsync(name));
    }

    [Fact]
    public void AddModelOpsStorage_DefaultOptions_UsesDevelopmentStorage()
    {
        using var provider = new ServiceCollection().AddModelOpsStorage().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.NotNull(provider.GetRequiredService<IArtifactStore>());
    }

    [Fact]
    public void AddModelOpsStorage_MalformedConnectionString_FailsOnResolveNamingTheSetting()
    {
        using var provider = new ServiceCollection()
            .AddModelOpsStorage(o => o.ConnectionString = "AccountKey=a2V5")
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMetadataStore>());

        Assert.Contains("AccountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddModelOpsStorage_InvalidOptions_FailStartupValidation()
    {
        using var provider = new ServiceCollection()
            .AddModelOpsStorage(o => o.BlockSize = 10)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("BlockSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CredentialWithoutEndpoints_ThrowsNamingTheEndpoint()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageAccount.Create(new StorageOptions
        {
            Credential = new FixedTokenCredential(),
            BlobEndpoint = new Uri("https://acct.blob.core.windows.net"),
        }));

        Assert.Contains("QueueEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CredentialWithEndpoints_BuildsClients()
    {
        var account = StorageAccount.Create(new StorageOptions
        {
            ConnectionString = "not used with a credential",
            Credential = new FixedTokenCredential(),
            BlobEndpoint = new Uri("https://acct.blob.core.windows.net"),
            QueueEndpoint = new Uri("https://acct.queue.core.windows.net"),
            TableEndpoint = new Uri("https://acct.table.core.windows.net"),
        });

        Assert.NotNull(account.Blobs);
        Assert.NotNull(account.Queues);
        Assert.NotNull(account.Tables);
    }

    private sealed class FixedTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
