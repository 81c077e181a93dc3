using Microsoft.Azure.Functions.Worker;
using ModelOps.Functions.Monitoring;
using ModelOps.Functions.Tests.Support;
using ModelOps.Testing;

namespace ModelOps.Functions.Tests.Monitoring;

/// <summary>The monitoring timer through its entry point on a clock the test moves; feedback through its HTTP function with the inference key's grant.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MonitoringTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Timer_ScheduleComesDue_ChecksTheModelOnceForThePastInterval()
    {
        var now = DateTimeOffset.UtcNow;
        var time = new ManualTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 30, TimeSpan.Zero));
        await using var app = await FunctionsApp.StartAsync(azurite, time: time);
        var onnx = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SharedData, "onnx-models", "onnxruntime_go__sklearn_randomforest.onnx"));
        (await HttpCall.SendAsync(app, app.Management, "POST", "/api/models/watched/versions", onnx, "application/octet-stream")).Expect(201);
        (await HttpCall.SendJsonAsync(app, app.Management, "PUT", "/api/models/watched/monitoring/settings", new { schedule = "0 * * * * *" })).Expect(200);
        var timer = app.Function<MonitoringTimer>();

        await timer.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);
        var before = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/watched/monitoring")).Expect(200).Json;
        time.Advance(TimeSpan.FromSeconds(35));
        await timer.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);
        await timer.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);

        Assert.Empty(before.GetProperty("reports").EnumerateArray());
        var reports = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/watched/monitoring")).Expect(200).Json;
        var report = Assert.Single(reports.GetProperty("reports").EnumerateArray());
        Assert.Equal("schedule", report.GetProperty("trigger").GetString());
        Assert.Equal("noReference", report.GetProperty("status").GetString());
        var window = report.GetProperty("window");
        Assert.Equal(TimeSpan.FromMinutes(1), window.GetProperty("to").GetDateTimeOffset() - window.GetProperty("from").GetDateTimeOffset());
    }

    [Fact]
    public async Task Feedback_ThroughItsFunction_StoresLabelsWithTheInferenceGrant()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var onnx = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SharedData, "onnx-models", "onnxruntime_go__sklearn_randomforest.onnx"));
        (await HttpCall.SendAsync(app, app.Management, "POST", "/api/models/labelled/versions", onnx, "application/octet-stream")).Expect(201);

        var result = (await HttpCall.SendJsonAsync(app, app.Http.InferenceFeedbackAsync, "POST", "/api/models/labelled/feedback", new[] { new { id = "r1", label = 1 } })).Expect(200).Json;

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
    }
}
