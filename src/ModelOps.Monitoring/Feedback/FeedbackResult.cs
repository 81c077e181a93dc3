namespace ModelOps.Monitoring.Feedback;

/// <summary>What <c>POST /api/models/{model}/feedback</c> answers: labels stored, and each item refused with why.</summary>
public sealed record FeedbackResult(int Accepted, IReadOnlyList<FeedbackRejection> Rejected);
