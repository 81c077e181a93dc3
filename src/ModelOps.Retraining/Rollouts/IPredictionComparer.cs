namespace ModelOps.Rollouts;

/// <summary>
/// Compares what a rollout's candidate and baseline predicted over the same period, from the model's captured traffic
/// and feedback labels (monitoring implements it): the distribution shift of the predictions and live quality.
/// </summary>
public interface IPredictionComparer
{
    Task<PredictionComparison> CompareAsync(PredictionComparisonRequest request, CancellationToken cancellationToken = default);
}
