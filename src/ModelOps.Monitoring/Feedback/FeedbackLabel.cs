namespace ModelOps.Monitoring.Feedback;

/// <summary>
/// A label for one captured prediction: the request id and the row within the request (0 for single-row requests),
/// the label as text (classes) or as a number (regression), and when it arrived.
/// </summary>
public sealed record FeedbackLabel(string Id, int Row, string? Text, double? Number, DateTimeOffset ReceivedAt)
{
    /// <summary>The key that joins a label to a captured row.</summary>
    public static string JoinKey(string id, int row) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}\n{row}");
}
