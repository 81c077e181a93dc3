using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;

namespace ModelOps.Rollouts;

/// <summary>Compares the candidate's and baseline's captured predictions and labels over a step (<see cref="IPredictionComparer"/>).</summary>
public sealed class ComparePredictionsActivity(IPredictionComparer comparer, IHostApplicationLifetime lifetime)
    : Workflows.CancellableActivity<PredictionComparisonRequest, PredictionComparison>(lifetime)
{
    public const string Name = "ComparePredictions";

    public override Task<PredictionComparison> RunAsync(TaskActivityContext context, PredictionComparisonRequest input, CancellationToken cancellationToken) =>
        comparer.CompareAsync(input, cancellationToken);
}
