using Microsoft.Extensions.DependencyInjection;
using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Storage;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

/// <summary>The core's services over the real storage adapter (on the fixture's Azurite) and the real ONNX Runtime.</summary>
internal sealed class CoreServices : IDisposable
{
    private readonly ServiceProvider _provider;

    /// <param name="azurite">The storage emulator.</param>
    /// <param name="inference">Inference options.</param>
    /// <param name="wrapArtifacts">Wraps the real blob store (fault injection).</param>
    /// <param name="storageOf">Another instance whose table and container to share (a second host on the same storage).</param>
    public CoreServices(AzuriteFixture azurite, Action<InferenceOptions>? inference = null, Func<IArtifactStore, IArtifactStore>? wrapArtifacts = null, CoreServices? storageOf = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddModelOpsStorage(o => o.ConnectionString = azurite.ConnectionString);
        services.AddOnnxRuntime();
        services.AddSingleton(sp => new CountingRuntime(sp.GetRequiredService<ModelOps.Onnx.OnnxModelRuntime>()));
        services.AddSingleton<IModelRuntime>(sp => sp.GetRequiredService<CountingRuntime>());
        if (wrapArtifacts is not null)
        {
            var real = services.Single(d => d.ServiceType == typeof(IArtifactStore));
            services.Remove(real);
            services.AddSingleton(sp => wrapArtifacts((IArtifactStore)real.ImplementationFactory!(sp)));
        }

        var table = storageOf?.TableName ?? AzuriteFixture.UniqueName("registry");
        var container = storageOf?.ContainerName ?? AzuriteFixture.UniqueName("models");
        services.AddModelOpsCore(inference, registry =>
        {
            registry.TableName = table;
            registry.ContainerName = container;
        });
        _provider = services.BuildServiceProvider();
        TableName = table;
        ContainerName = container;
    }

    public string TableName { get; }

    public string ContainerName { get; }

    public ModelRegistry Registry => _provider.GetRequiredService<ModelRegistry>();

    public ModelCache Cache => _provider.GetRequiredService<ModelCache>();

    public InferenceService Inference => _provider.GetRequiredService<InferenceService>();

    public IArtifactStore Artifacts => _provider.GetRequiredService<IArtifactStore>();

    public CountingRuntime Runtime => _provider.GetRequiredService<CountingRuntime>();

    public static byte[] Model(string name) => File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", name));

    public void Dispose() => _provider.Dispose();
}
