namespace ModelOps.Monitoring.Feedback;

/// <summary>Where feedback labels live, per model and request id (a label sent again replaces the earlier one).</summary>
public interface IFeedbackStore
{
    Task AddAsync(string model, IReadOnlyList<FeedbackLabel> labels, CancellationToken cancellationToken = default);

    /// <summary>The labels of <paramref name="model"/> received at or after <paramref name="receivedFrom"/>.</summary>
    IAsyncEnumerable<FeedbackLabel> ListAsync(string model, DateTimeOffset receivedFrom, CancellationToken cancellationToken = default);
}
