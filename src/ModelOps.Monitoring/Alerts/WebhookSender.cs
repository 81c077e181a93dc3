using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using ModelOps.Serialization;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ModelOps.Monitoring.Alerts;

/// <summary>
/// Posts an alert as JSON to a webhook through a Polly pipeline: a timeout per attempt, and retries with exponential
/// backoff and jitter on network errors, timeouts, 408, 429 and 5xx. Never throws for the receiver's failures: the
/// outcome is a <see cref="WebhookDelivery"/>.
/// </summary>
public sealed class WebhookSender
{
    /// <summary>The named HttpClient the sender uses.</summary>
    public const string ClientName = "modelops-webhooks";

    private readonly IHttpClientFactory _clients;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public WebhookSender(IHttpClientFactory clients, IOptions<MonitoringOptions> options, TimeProvider time)
    {
        _clients = clients;
        var webhooks = options.Value.Webhooks;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(webhooks.MaxRetries, 0),
                Delay = webhooks.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode is >= 500 or 408 or 429),
            })
            .AddTimeout(webhooks.AttemptTimeout)
            .Build();
    }

    public async Task<WebhookDelivery> SendAsync(Uri url, object payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var shown = url.GetLeftPart(UriPartial.Path);
        var attempts = 0;
        var client = _clients.CreateClient(ClientName);
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async ct =>
                {
                    Interlocked.Increment(ref attempts);
                    using var content = JsonContent.Create(payload, options: ModelOpsJson.Options);
                    return await client.PostAsync(url, content, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookDelivery(shown, true, attempts, status, null)
                : new WebhookDelivery(shown, false, attempts, status, $"The receiver answered {status} {response.ReasonPhrase}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var error = exception is TimeoutRejectedException ? "The receiver did not answer in time." : exception.Message;
            return new WebhookDelivery(shown, false, attempts, null, error);
        }
    }
}
