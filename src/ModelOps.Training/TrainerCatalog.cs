using ModelOps.Training.Data;
using ModelOps.Training.Linear;
using ModelOps.Training.Trees;

namespace ModelOps.Training;

/// <summary>The built-in trainers by name, and the one-call way to train from a CSV file.</summary>
public static class TrainerCatalog
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["logistic", "linear", "gbt"];

    public static ITrainer Create(string name) => name switch
    {
        "logistic" => new LogisticRegressionTrainer(),
        "linear" => new RidgeRegressionTrainer(),
        "gbt" => new GradientBoostingTrainer(),
        _ => throw new TrainingException($"There is no trainer '{name}'; the trainers are {string.Join(", ", Names)}.", "trainer"),
    };

    /// <summary>Reads <paramref name="csvPath"/> and trains <paramref name="trainer"/> on it.</summary>
    public static TrainedModel TrainFromCsv(
        string csvPath,
        string trainer,
        TrainingRequest request,
        CsvReadOptions? csvOptions = null,
        CancellationToken cancellationToken = default)
    {
        var data = TabularDataset.FromCsv(csvPath, csvOptions);
        return Create(trainer).Train(data, request, cancellationToken);
    }
}
