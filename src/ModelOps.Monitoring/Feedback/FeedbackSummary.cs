namespace ModelOps.Monitoring.Feedback;

/// <summary>
/// The labels a check considered: those received for the model since its window started (<see cref="Labels"/>), those
/// joined to a prediction captured in the window (<see cref="Joined"/>), and those received during the window that
/// match no prediction captured in it (<see cref="Unmatched"/>: an unknown id, or one of an earlier window).
/// </summary>
public sealed record FeedbackSummary(int Labels, int Joined, int Unmatched);
