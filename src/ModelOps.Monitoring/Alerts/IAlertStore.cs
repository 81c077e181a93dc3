namespace ModelOps.Monitoring.Alerts;

/// <summary>The alert history, per model, newest first.</summary>
public interface IAlertStore
{
    Task AddAsync(AlertRecord alert, CancellationToken cancellationToken = default);

    Task<AlertPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);
}
