namespace ModelOps.Monitoring.Feedback;

/// <summary>One feedback item refused: its position in the batch, its id when it had one, and why.</summary>
public sealed record FeedbackRejection(int Index, string? Id, string Error);
