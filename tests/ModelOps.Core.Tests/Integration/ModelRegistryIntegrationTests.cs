using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class ModelRegistryIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Register_FailsAfterArtifactLanded_VersionNeverListedOrServed()
    {
        // The card upload fails after the model blob is written: the moment a crash would hurt most.
        using var services = new CoreServices(azurite, wrapArtifacts: store => new FailingCardUploads(store));
        var registry = services.Registry;

        await Assert.ThrowsAsync<IOException>(() => registry.RegisterAsync("flaky", CoreServices.Model("logreg.onnx"), new ModelRegistration()));

        Assert.Empty(await registry.ListVersionsAsync("flaky"));
        var missing = await Assert.ThrowsAsync<ModelOpsException>(() => registry.GetVersionAsync("flaky", 1));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        var noChampion = await Assert.ThrowsAsync<ModelOpsException>(() => services.Inference.ResolveAsync("flaky", null).AsTask());
        Assert.Equal(ErrorKind.NotFound, noChampion.Kind);
    }

    [Fact]
    public async Task Register_AfterAFailedRegistration_ItsNumberIsGivenAgain()
    {
        using var failing = new CoreServices(azurite, wrapArtifacts: store => new FailingCardUploads(store));
        await Assert.ThrowsAsync<IOException>(() => failing.Registry.RegisterAsync("gap", CoreServices.Model("logreg.onnx"), new ModelRegistration()));

        // Same storage, healthy this time: the failed registration gave its number back, so numbering has no gap.
        using var healthy = new CoreServices(azurite, storageOf: failing);
        var registered = await healthy.Registry.RegisterAsync("gap", CoreServices.Model("logreg.onnx"), new ModelRegistration());

        Assert.Equal(1, registered.Version);
        Assert.Equal([1], (await healthy.Registry.ListVersionsAsync("gap")).Select(v => v.Version));
        Assert.Equal(1, (await healthy.Inference.ResolveAsync("gap", null)).Version);
    }

    [Fact]
    public async Task Load_ArtifactTamperedWith_RefusedBySha256()
    {
        using var services = new CoreServices(azurite);
        var version = await services.Registry.RegisterAsync("tampered", CoreServices.Model("logreg.onnx"), new ModelRegistration());
        await services.Artifacts.WriteAsync("tampered", 1, CoreServices.Model("mlp.onnx"), version.Sha256);

        var refused = await Assert.ThrowsAsync<ModelOpsException>(() => services.Cache.AcquireAsync(version).AsTask());

        Assert.Equal(ErrorKind.Unavailable, refused.Kind);
        Assert.Contains("does not match its registered SHA-256", refused.Message, StringComparison.Ordinal);
        Assert.False(await services.Inference.IsReadyAsync("tampered", 1));
    }

    [Fact]
    public async Task Register_NotOnnx_NothingStored()
    {
        using var services = new CoreServices(azurite);

        var refused = await Assert.ThrowsAsync<ModelOpsException>(() => services.Registry.RegisterAsync("junk", "not a model"u8.ToArray(), new ModelRegistration()));

        Assert.Equal(ErrorKind.InvalidInput, refused.Kind);
        Assert.Empty(await services.Registry.ListModelsAsync());
        var models = services.Account.Blobs.GetBlobContainerClient(services.Account.Names.ModelsContainer);
        Assert.Empty(await models.GetBlobsAsync().ToListAsync());
    }

    /// <summary>The real store, failing every card write as a crash between artifact and record would.</summary>
    private sealed class FailingCardUploads(IModelArtifactStore inner) : IModelArtifactStore
    {
        public Task WriteAsync(string model, int version, ReadOnlyMemory<byte> onnx, string sha256, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(model, version, onnx, sha256, cancellationToken);

        public Task WriteCardAsync(string model, int version, ReadOnlyMemory<byte> cardJson, CancellationToken cancellationToken = default) =>
            throw new IOException("Simulated crash while writing the card.");

        public Task<Stream?> OpenAsync(string model, int version, CancellationToken cancellationToken = default) => inner.OpenAsync(model, version, cancellationToken);

        public Task<byte[]?> ReadCardAsync(string model, int version, CancellationToken cancellationToken = default) => inner.ReadCardAsync(model, version, cancellationToken);

        public Task<string?> GetRecordedSha256Async(string model, int version, CancellationToken cancellationToken = default) =>
            inner.GetRecordedSha256Async(model, version, cancellationToken);

        public IAsyncEnumerable<(string Model, int Version)> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task DeleteAsync(string model, int version, CancellationToken cancellationToken = default) => inner.DeleteAsync(model, version, cancellationToken);
    }
}
