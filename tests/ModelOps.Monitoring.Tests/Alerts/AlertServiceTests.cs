using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Reports;
using ModelOps.Monitoring.Settings;
using ModelOps.Storage.Monitoring;
using ModelOps.Testing;

namespace ModelOps.Monitoring.Tests.Alerts;

[Collection(AzuriteCollection.Name)]
public sealed class AlertServiceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static MonitoringReport Drifted(string id) => new()
    {
        Id = id,
        Model = "m",
        Version = 1,
        Window = new ReportWindow(T0.AddHours(-1), T0),
        Trigger = "schedule",
        CreatedAt = T0,
        Status = ReportStatus.Completed,
        DatasetDrift = true,
        DriftedShare = 1,
        DriftShareThreshold = 0.5,
    };

    [Fact]
    public async Task Raise_SameAlertWithinTheWindow_SentOnceThenDeduplicatedThenSentAgain()
    {
        var time = new FakeTimeProvider(T0);
        var services = new MonitoringTestServices(azurite, time);
        using var hook = new LoopbackWebhook();
        var store = new TableAlertStore(services.Account);
        var alerts = new AlertService(store, new TableMonitoringLedger(services.Account), WebhookSenderTests.Sender(), time, NullLogger<AlertService>.Instance);
        var settings = new MonitoringSettings { Webhooks = [hook.Url], AlertDeduplication = TimeSpan.FromHours(1) };

        Assert.Equal(["r1-drift"], await alerts.RaiseAsync(Drifted("r1"), settings));
        time.Advance(TimeSpan.FromMinutes(30));
        await alerts.RaiseAsync(Drifted("r2"), settings);
        time.Advance(TimeSpan.FromMinutes(31));
        await alerts.RaiseAsync(Drifted("r3"), settings);

        Assert.Equal(2, hook.Requests);
        var history = await store.ListAsync("m", 10, null);
        Assert.Equal(["r3-drift", "r2-drift", "r1-drift"], history.Alerts.Select(a => a.Id));
        Assert.Equal(["sent", "deduplicated", "sent"], history.Alerts.Select(a => a.Status));
        Assert.Contains("\"reportId\":\"r1\"", hook.Bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raise_WebhookFailing_RecordedAsFailed()
    {
        var services = new MonitoringTestServices(azurite);
        using var hook = new LoopbackWebhook { Respond = _ => 500 };
        var store = new TableAlertStore(services.Account);
        var alerts = new AlertService(store, new TableMonitoringLedger(services.Account), WebhookSenderTests.Sender(retries: 1), TimeProvider.System, NullLogger<AlertService>.Instance);

        await alerts.RaiseAsync(Drifted("r1"), new MonitoringSettings { Webhooks = [hook.Url] });

        var alert = Assert.Single((await store.ListAsync("m", 10, null)).Alerts);
        Assert.Equal("failed", alert.Status);
        Assert.Equal((false, 2, 500), (alert.Deliveries[0].Delivered, alert.Deliveries[0].Attempts, alert.Deliveries[0].StatusCode));
    }

    [Fact]
    public void For_CleanReport_NoAlerts()
    {
        Assert.Empty(AlertService.For(Drifted("r") with { DatasetDrift = false }));
    }
}
