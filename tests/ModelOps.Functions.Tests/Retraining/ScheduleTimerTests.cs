using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Azure.Functions.Worker;
using ModelOps.Functions.Retraining;
using ModelOps.Functions.Tests.Support;
using ModelOps.Functions.Workflows;
using ModelOps.Testing;

namespace ModelOps.Functions.Tests.Retraining;

/// <summary>The timer functions through their entry points, on a clock the test moves: a schedule fires a run, the purge removes it later.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScheduleTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Timers_ScheduleComesDue_StartsOneRun_WhichThePurgeRemovesAfterTheRetention()
    {
        var now = DateTimeOffset.UtcNow;
        var time = new ManualTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 30, TimeSpan.Zero));
        await using var app = await FunctionsApp.StartAsync(azurite, time: time);
        (await HttpCall.SendJsonAsync(app, app.Management, "PUT", "/api/models/nightly/training", new
        {
            label = "churn",
            task = "binary",
            trainer = "logistic",
            metric = "auc",
            promotion = new { minimum = 0.6 },
            schedule = "0 * * * * *",
        })).Expect(200);
        var blob = new BlobClient(app.ConnectionString, app.StorageNames.TrainingDataContainer, "nightly/data.csv");
        await blob.GetParentBlobContainerClient().CreateIfNotExistsAsync();
        await blob.UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.RepoRoot, "samples", "churn.csv"))));
        var schedules = app.Function<ScheduleTimer>();

        await schedules.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);
        var beforeDue = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/nightly/runs")).Expect(200).Json;
        time.Advance(TimeSpan.FromSeconds(35));
        await schedules.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);
        await schedules.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);

        Assert.Empty(beforeDue.GetProperty("runs").EnumerateArray());
        var fireTime = time.GetUtcNow().AddSeconds(-5);
        var runId = string.Create(CultureInfo.InvariantCulture, $"nightly-schedule-{fireTime.UtcDateTime:yyyyMMddTHHmmss}");
        var runs = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/nightly/runs")).Expect(200).Json;
        Assert.Equal([runId], runs.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var run = await RunsApi.WaitEndedAsync(app, $"/api/runs/{runId}");
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
        Assert.Equal("schedule", run.GetProperty("trigger").GetString());

        var purge = app.Function<RunPurgeTimer>();
        await purge.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);
        (await HttpCall.SendAsync(app, app.Management, "GET", $"/api/runs/{runId}")).Expect(200);
        time.Advance(TimeSpan.FromDays(31));
        await purge.RunAsync(new TimerInfo(), app.Durable, CancellationToken.None);

        (await HttpCall.SendAsync(app, app.Management, "GET", $"/api/runs/{runId}")).Expect(404);
        var purged = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/nightly/runs")).Expect(200).Json;
        Assert.Empty(purged.GetProperty("runs").EnumerateArray());
    }
}
