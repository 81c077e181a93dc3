using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Settings;

namespace ModelOps.Monitoring.Tests.Settings;

public sealed class MonitoringSettingsTests
{
    private static readonly MonitoringSettingsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_PassHourlyAlertOnly()
    {
        var settings = new MonitoringSettings();

        Assert.True(Validator.Validate(null, settings).Succeeded);
        Assert.Equal("0 0 * * * *", settings.Schedule);
        Assert.Equal(RetrainMode.Alert, settings.RetrainPolicy.Mode);
        Assert.Empty(settings.Webhooks);
    }

    [Theory]
    [InlineData("0 0 * * *", "has 5 fields")]
    [InlineData("0 0 25 * * *", "not a valid cron expression")]
    [InlineData("every hour please", "fields")]
    public void Validate_ScheduleThatDoesNotParse_NamesTheSchedule(string schedule, string fragment)
    {
        var result = Validator.Validate(null, new MonitoringSettings { Schedule = schedule });

        Assert.True(result.Failed);
        Assert.Contains(fragment, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTimeZone_Fails()
    {
        var result = Validator.Validate(null, new MonitoringSettings { ScheduleTimeZone = "Mars/Olympus" });

        Assert.True(result.Failed);
        Assert.Contains("scheduleTimeZone", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ks", 1.5, "p-value")]
    [InlineData("ks", 0, "p-value")]
    [InlineData("wasserstein", -0.1, "positive")]
    [InlineData("tvd", 0.1, "tvd")]
    public void Validate_ThresholdOutOfRange_Fails(string method, double threshold, string fragment)
    {
        var settings = new MonitoringSettings { Drift = new DriftSettings { Thresholds = new Dictionary<string, double> { [method] = threshold } } };

        var result = Validator.Validate(null, settings);

        Assert.True(result.Failed);
        Assert.Contains(fragment, result.FailureMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Validate_ShareOutOfRange_Fails(double share)
    {
        Assert.True(Validator.Validate(null, new MonitoringSettings { CaptureShare = share }).Failed);
        Assert.True(Validator.Validate(null, new MonitoringSettings { Drift = new DriftSettings { DriftShare = share } }).Failed);
    }

    [Theory]
    [InlineData("ftp://example.test/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    public void Validate_WebhookThatIsNotHttp_Fails(string url)
    {
        var result = Validator.Validate(null, new MonitoringSettings { Webhooks = [new Uri(url, UriKind.RelativeOrAbsolute)] });

        Assert.True(result.Failed);
        Assert.Contains("webhooks[0]", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownQualityMetricOrNegativeCap_Fails()
    {
        Assert.True(Validator.Validate(null, new MonitoringSettings { Quality = new Quality.LiveQualitySettings { Metric = "happiness" } }).Failed);
        Assert.True(Validator.Validate(null, new MonitoringSettings { RetrainPolicy = new RetrainPolicy { DailyCap = -1 } }).Failed);
    }
}
