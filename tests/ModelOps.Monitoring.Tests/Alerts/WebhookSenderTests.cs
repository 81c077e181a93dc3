using Microsoft.Extensions.DependencyInjection;
using ModelOps.Monitoring.Alerts;
using ModelOps.Testing;

namespace ModelOps.Monitoring.Tests.Alerts;

public sealed class WebhookSenderTests
{
    internal static WebhookSender Sender(int retries = 2, double timeoutSeconds = 2)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(WebhookSender.ClientName);
        var provider = services.BuildServiceProvider();
        var options = new MonitoringOptions { Webhooks = new WebhookOptions { MaxRetries = retries, RetryDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromSeconds(timeoutSeconds) } };
        return new WebhookSender(provider.GetRequiredService<IHttpClientFactory>(), Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
    }

    [Fact]
    public async Task Send_ReceiverAccepts_DeliveredOnceWithTheJson()
    {
        using var hook = new LoopbackWebhook();

        var delivery = await Sender().SendAsync(hook.Url, new { kind = "drift", model = "m" });

        Assert.Equal(new WebhookDelivery(hook.Url.GetLeftPart(UriPartial.Path), true, 1, 200, null), delivery);
        Assert.Contains("\"kind\":\"drift\"", Assert.Single(hook.Bodies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ServerErrorsThenSuccess_RetriesWithBackoff()
    {
        using var hook = new LoopbackWebhook { Respond = n => n < 3 ? 503 : 200 };

        var delivery = await Sender().SendAsync(hook.Url, new { kind = "drift" });

        Assert.True(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
    }

    [Fact]
    public async Task Send_AlwaysFailing_RecordedAsFailedAfterEveryRetry()
    {
        using var hook = new LoopbackWebhook { Respond = _ => 500 };

        var delivery = await Sender(retries: 2).SendAsync(hook.Url, new { kind = "drift" });

        Assert.False(delivery.Delivered);
        Assert.Equal((3, 500), (delivery.Attempts, delivery.StatusCode));
        Assert.Equal(3, hook.Requests);
    }

    [Fact]
    public async Task Send_ClientError_NotRetried()
    {
        using var hook = new LoopbackWebhook { Respond = _ => 404 };

        var delivery = await Sender().SendAsync(hook.Url, new { kind = "drift" });

        Assert.Equal((false, 1, 404), (delivery.Delivered, delivery.Attempts, delivery.StatusCode));
    }

    [Fact]
    public async Task Send_ReceiverNeverAnswers_TimesOutRetriesAndFails()
    {
        using var hook = new LoopbackWebhook { Respond = _ => null };

        var delivery = await Sender(retries: 1, timeoutSeconds: 0.2).SendAsync(hook.Url, new { kind = "drift" });

        Assert.False(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
        Assert.Contains("did not answer in time", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NothingListening_FailsWithTheNetworkError()
    {
        using var hook = new LoopbackWebhook();
        var closed = hook.Url;
        hook.Dispose();

        var delivery = await Sender(retries: 1).SendAsync(closed, new { kind = "drift" });

        Assert.False(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
        Assert.NotNull(delivery.Error);
    }

    [Fact]
    public async Task Send_UrlWithAToken_RecordsItWithoutTheQuery()
    {
        using var hook = new LoopbackWebhook();

        var delivery = await Sender().SendAsync(new Uri(hook.Url + "?token=secret"), new { kind = "drift" });

        Assert.DoesNotContain("secret", delivery.Url, StringComparison.Ordinal);
    }
}
