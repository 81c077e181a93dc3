using ModelOps.Errors;
using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Tensors;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

/// <summary>Observers watch answers; a fault of theirs never reaches the caller or the observers after them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InferenceObserverTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Infer_ObserverThrows_RequestAnsweredAndLaterObserversStillTold()
    {
        var after = new CountingObserver();
        using var services = new CoreServices(azurite, observers: [new ThrowingObserver(), after]);
        await services.Registry.RegisterAsync("watched", CoreServices.Model("mlp.onnx"), new ModelRegistration());

        var result = await services.Inference.InferAsync(new InferenceRequest("watched", null, Row()));
        var failure = await Assert.ThrowsAsync<ModelOpsException>(() => services.Inference.InferAsync(new InferenceRequest("watched", 9, Row())));

        Assert.Single(result.Outputs);
        Assert.Equal(ErrorKind.NotFound, failure.Kind); // the version's own error, not the observer's
        Assert.Equal((1, 1), (after.Inferred, after.Failed));
    }

    private static NamedValue[] Row() => [new NamedValue("x", Tensor.Create(new float[20], 1, 20))];

    private sealed class ThrowingObserver : IInferenceObserver
    {
        public void OnInferred(InferenceRecord record) => throw new InvalidOperationException("observer fault");

        public void OnFailed(string model, int? version, Exception error, TimeSpan elapsed) => throw new InvalidOperationException("observer fault");
    }

    private sealed class CountingObserver : IInferenceObserver
    {
        public int Inferred { get; private set; }

        public int Failed { get; private set; }

        public void OnInferred(InferenceRecord record) => Inferred++;

        public void OnFailed(string model, int? version, Exception error, TimeSpan elapsed) => Failed++;
    }
}
