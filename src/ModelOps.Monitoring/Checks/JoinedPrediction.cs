using ModelOps.Monitoring.Feedback;

namespace ModelOps.Monitoring.Checks;

/// <summary>A captured prediction with the label sent for it: per-class probabilities (classifiers) or the predicted value.</summary>
public sealed record JoinedPrediction(FeedbackLabel Label, IReadOnlyDictionary<string, double>? Probabilities, double? Value);
