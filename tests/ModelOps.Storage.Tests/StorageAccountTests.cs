using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelOps.Registry;
using ModelOps.Retraining;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageAccountTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EnsureCreated_MakesTheWholeLayoutOnce()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var account = StorageTestAccount.Create(azurite, prefix);

        await Task.WhenAll(account.EnsureCreatedAsync(), account.EnsureCreatedAsync());

        foreach (var container in account.Names.Containers)
        {
            Assert.StartsWith(prefix + "-", container, StringComparison.Ordinal);
            Assert.True(await account.Blobs.GetBlobContainerClient(container).ExistsAsync());
        }

        var tables = await account.Tables.QueryAsync(t => t.Name.CompareTo("modelops" + prefix) >= 0 && t.Name.CompareTo("modelops" + prefix + "{") < 0).Select(t => t.Name).ToListAsync();
        Assert.Equal(account.Names.Tables.Order(), tables.Order());
    }

    [Fact]
    public void Names_WithoutPrefix_AreTheDocumentedLayout()
    {
        var names = new StorageNames(string.Empty);

        Assert.Equal(["models", "training-data", "baselines", "reports", "captures"], names.Containers);
        Assert.Equal(
            [
                "modelopsregistry", "modelopsretraining", "modelopsblobreceipts", "modelopsruns", "modelopsattempts", "modelopsaccess", "modelopsaudit",
                "modelopsmonitoring", "modelopsmonitoringreports", "modelopsalerts", "modelopsfeedback",
            ],
            names.Tables);
    }

    [Fact]
    public async Task AddModelOpsStorage_FromConfiguration_RegistersEveryStore()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ModelOps:Storage:NamePrefix"] = AzuriteFixture.UniquePrefix(),
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddModelOpsStorage(configuration);
        using var host = builder.Build();
        await host.StartAsync();

        var services = host.Services;
        Assert.NotNull(services.GetRequiredService<IRegistryStore>());
        Assert.NotNull(services.GetRequiredService<IModelArtifactStore>());
        Assert.NotNull(services.GetRequiredService<IBaselineStore>());
        Assert.NotNull(services.GetRequiredService<IRunIndex>());
        Assert.NotNull(services.GetRequiredService<ITrainingConfigurationStore>());
        Assert.NotNull(services.GetRequiredService<ITrainingDataStore>());
        Assert.NotNull(services.GetRequiredService<IRunReportStore>());
        Assert.NotNull(services.GetRequiredService<IRetrainingLedger>());
        await services.GetRequiredService<IRegistryStore>().CheckAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task AddModelOpsStorage_BadNamePrefix_FailsTheStartNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ModelOps:Storage:NamePrefix"] = "Has-Upper",
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddModelOpsStorage(configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("NamePrefix", error.Message, StringComparison.Ordinal);
    }
}
