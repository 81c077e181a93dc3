using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Storage;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Workflow;

[Collection(AzuriteCollection.Name)]
public sealed class TriggerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task BlobDrop_SameBlobSweptTwiceAndAfterARestart_StartsOneRun()
    {
        var names = new RetrainingNames();
        await using (var host = await RetrainingHost.StartAsync(azurite, names))
        {
            await host.Configurations.PutAsync("drop", Datasets.BinaryConfiguration(), null);
            var blob = await host.DropAsync("drop", "a.csv", Datasets.Binary(200));

            var first = await host.Watcher.SweepAsync();
            var second = await host.Watcher.SweepAsync();

            Assert.Equal([RetrainingService.FileRunId("drop", blob.Name, blob.ETag)], first);
            Assert.Empty(second);
            var run = await host.WaitAsync(first[0]);
            Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
            Assert.Equal("blob", run.Tags["trigger"]);
        }

        // A new host process (empty memory) finds the receipt; a new version of the blob is a new run.
        await using (var restarted = await RetrainingHost.StartAsync(azurite, names))
        {
            Assert.Empty(await restarted.Watcher.SweepAsync());
            await restarted.DropAsync("drop", "a.csv", Datasets.Binary(200, seed: 11));
            Assert.Single(await restarted.Watcher.SweepAsync());
            var page = await restarted.Runs.ListAsync("drop", 50, null);
            Assert.Equal(2, page.Runs.Count);
        }
    }

    [Fact]
    public async Task BlobDrop_TwoWatchersAtOnce_StartOneRunPerBlob()
    {
        var names = new RetrainingNames();
        await using var one = await RetrainingHost.StartAsync(azurite, names);
        await using var two = await RetrainingHost.StartAsync(azurite, names);
        await one.Configurations.PutAsync("race", Datasets.BinaryConfiguration(), null);
        for (var i = 0; i < 3; i++)
        {
            await one.DropAsync("race", $"{i}.csv", Datasets.Binary(150, seed: i));
        }

        var sweeps = await Task.WhenAll(one.Watcher.SweepAsync(), two.Watcher.SweepAsync(), one.Watcher.SweepAsync(), two.Watcher.SweepAsync());

        Assert.Equal(3, sweeps.SelectMany(s => s).Distinct().Count());
        var page = await one.Runs.ListAsync("race", 50, null);
        Assert.Equal(3, page.Runs.Count);
        var receipts = one.Services.GetRequiredService<StorageAccount>().Tables.GetTableClient(one.StorageNames.ReceiptsTable);
        var count = 0;
        await foreach (var _ in receipts.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "race"))
        {
            count++;
        }

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task BlobDrop_NoConfigurationYet_WaitsAndStartsOnceConfigured()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.DropAsync("later", "a.csv", Datasets.Binary(100));

        Assert.Empty(await host.Watcher.SweepAsync());
        await host.Configurations.PutAsync("later", Datasets.BinaryConfiguration(), null);
        Assert.Single(await host.Watcher.SweepAsync());
    }

    [Fact]
    public async Task Schedule_FiresWhenDue_OnceForTimesMissedWhileDown()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("nightly", Datasets.BinaryConfiguration() with { Schedule = "0 0 3 * * *" }, null);
        await host.DropAsync("nightly", "a.csv", Datasets.Binary(100));
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero));
        ScheduleTrigger Trigger() => new(
            host.Services.GetRequiredService<IRetrainingLedger>(),
            host.Retraining,
            host.Configurations,
            time,
            host.Services.GetRequiredService<IOptions<RetrainingOptions>>(),
            NullLogger<ScheduleTrigger>.Instance);

        Assert.Empty(await Trigger().TickAsync()); // records the next fire time, 03:00
        time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await Trigger().TickAsync());
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5));
        var fired = await Trigger().TickAsync();
        Assert.Equal(["nightly-schedule-20261122T030000"], fired);
        Assert.Empty(await Trigger().TickAsync());

        // Down for three days: one run on start, then the next fire time is tomorrow's.
        time.Advance(TimeSpan.FromDays(3));
        var twoHosts = await Task.WhenAll(Trigger().TickAsync(), Trigger().TickAsync());
        Assert.Equal(["nightly-schedule-20261123T030000"], twoHosts.SelectMany(r => r));
        Assert.Empty(await Trigger().TickAsync());
        var run = await host.WaitAsync(fired[0]);
        Assert.Equal("schedule", run.Tags["trigger"]);
    }
}
