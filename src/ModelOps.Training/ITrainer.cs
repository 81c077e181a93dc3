using ModelOps.Training.Data;

namespace ModelOps.Training;

/// <summary>A built-in trainer: a dataset and a request in, a <see cref="TrainedModel"/> out.</summary>
public interface ITrainer
{
    /// <summary>The name callers use: <c>logistic</c>, <c>linear</c> or <c>gbt</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Trains a model. Throws <see cref="TrainingException"/> for bad input (see the README for the rules).
    /// Training is CPU-bound and synchronous; <paramref name="cancellationToken"/> is checked between iterations.
    /// </summary>
    TrainedModel Train(TabularDataset data, TrainingRequest request, CancellationToken cancellationToken = default);
}
