using Microsoft.Extensions.DependencyInjection;
using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Storage;
using ModelOps.Storage.Connection;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

/// <summary>The core's services over the real storage adapter (on the fixture's Azurite) and the real ONNX Runtime.</summary>
internal sealed class CoreServices : IDisposable
{
    private readonly ServiceProvider _provider;

    /// <param name="azurite">The storage emulator.</param>
    /// <param name="inference">Inference options.</param>
    /// <param name="wrapArtifacts">Wraps the real artifact store (fault injection).</param>
    /// <param name="storageOf">Another instance whose storage to share (a second host on the same storage).</param>
    /// <param name="time">The clock (default: the system's).</param>
    /// <param name="observers">Inference observers besides the core's own.</param>
    public CoreServices(
        AzuriteFixture azurite,
        Action<InferenceOptions>? inference = null,
        Func<IModelArtifactStore, IModelArtifactStore>? wrapArtifacts = null,
        CoreServices? storageOf = null,
        TimeProvider? time = null,
        IEnumerable<IInferenceObserver>? observers = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        foreach (var observer in observers ?? [])
        {
            services.AddSingleton(observer);
        }

        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        NamePrefix = storageOf?.NamePrefix ?? AzuriteFixture.UniquePrefix();
        services.AddModelOpsStorage(StorageConnection.FromConnectionString(azurite.ConnectionString), o => o.NamePrefix = NamePrefix);
        services.AddOnnxRuntime();
        services.AddSingleton(sp => new CountingRuntime(sp.GetRequiredService<ModelOps.Onnx.OnnxModelRuntime>()));
        services.AddSingleton<IModelRuntime>(sp => sp.GetRequiredService<CountingRuntime>());
        if (wrapArtifacts is not null)
        {
            services.AddSingleton(sp => wrapArtifacts(ActivatorUtilities.CreateInstance<ModelOps.Storage.Registry.BlobModelArtifactStore>(sp)));
        }

        services.AddModelOpsCore(inference);
        _provider = services.BuildServiceProvider();
    }

    public string NamePrefix { get; }

    public ModelRegistry Registry => _provider.GetRequiredService<ModelRegistry>();

    public ModelCache Cache => _provider.GetRequiredService<ModelCache>();

    public InferenceService Inference => _provider.GetRequiredService<InferenceService>();

    public IModelArtifactStore Artifacts => _provider.GetRequiredService<IModelArtifactStore>();

    public IRegistryStore Store => _provider.GetRequiredService<IRegistryStore>();

    public StorageAccount Account => _provider.GetRequiredService<StorageAccount>();

    public CountingRuntime Runtime => _provider.GetRequiredService<CountingRuntime>();

    public ModelOps.Inference.Batching.ServingSettingsService Serving => _provider.GetRequiredService<ModelOps.Inference.Batching.ServingSettingsService>();

    public static byte[] Model(string name) => File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", name));

    public void Dispose() => _provider.Dispose();
}
