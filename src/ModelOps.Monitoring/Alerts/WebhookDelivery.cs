namespace ModelOps.Monitoring.Alerts;

/// <summary>One webhook's delivery of an alert: the URL (without its query, which may hold a token), attempts and outcome.</summary>
public sealed record WebhookDelivery(string Url, bool Delivered, int Attempts, int? StatusCode, string? Error);
