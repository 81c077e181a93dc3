using ModelOps.Tensors;

namespace ModelOps.Runtime;

/// <summary>A loaded model. <see cref="Run"/> is safe to call from many threads at once.</summary>
public interface IModelSession : IDisposable
{
    ModelSignature Signature { get; }

    /// <summary>Bytes the session holds, approximately (model weights and runtime structures); used for cache budgets.</summary>
    long ApproximateSizeBytes { get; }

    /// <summary>
    /// Runs the model. <paramref name="outputNames"/> null means every output, in signature order.
    /// Throws <see cref="ModelRunException"/> when the runtime rejects the inputs or fails.
    /// Cancellation asks the runtime to stop a run already under way.
    /// </summary>
    IReadOnlyList<NamedValue> Run(
        IReadOnlyList<NamedValue> inputs,
        IReadOnlyList<string>? outputNames = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the model for a caller that can wait without holding a thread: the path inference requests take, so a
    /// decorator (batching) can park a request until its batch has run. By default it is <see cref="Run"/>.
    /// </summary>
    ValueTask<IReadOnlyList<NamedValue>> RunAsync(
        IReadOnlyList<NamedValue> inputs,
        IReadOnlyList<string>? outputNames = null,
        CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Run(inputs, outputNames, cancellationToken));
}
