using ModelOps.Storage.Runs;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Storage.Tests.Runs;

[Collection(AzuriteCollection.Name)]
public sealed class TableStepAttemptLogTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_OldestFirst_OneRunOnly_SameTickKeptTwice()
    {
        var log = new TableStepAttemptLog(StorageTestAccount.Create(azurite));
        await log.RecordAsync(new StepAttempt("run-1", "Train", T0.AddSeconds(30)));
        await log.RecordAsync(new StepAttempt("run-1", "Validate", T0));
        await log.RecordAsync(new StepAttempt("run-1", "Train", T0.AddSeconds(30)));
        await log.RecordAsync(new StepAttempt("run-2", "Validate", T0));

        var attempts = await log.ListAsync("run-1");

        Assert.Equal(["Validate", "Train", "Train"], attempts.Select(a => a.Step));
        Assert.Equal(new StepAttempt("run-1", "Validate", T0), attempts[0]);
        Assert.Single(await log.ListAsync("run-2"));
    }

    [Fact]
    public async Task Delete_ManyAttempts_RemovesOnlyThatRun()
    {
        var log = new TableStepAttemptLog(StorageTestAccount.Create(azurite));
        for (var i = 0; i < 130; i++)
        {
            await log.RecordAsync(new StepAttempt("busy/run", "Shard", T0.AddSeconds(i)));
        }

        await log.RecordAsync(new StepAttempt("kept", "Shard", T0));

        await log.DeleteAsync("busy/run");
        await log.DeleteAsync("never-ran");

        Assert.Empty(await log.ListAsync("busy/run"));
        Assert.Single(await log.ListAsync("kept"));
    }
}
