using Microsoft.Extensions.DependencyInjection;
using ModelOps.Storage;
using ModelOps.Testing;
using ModelOps.Workflows.Persistence;
using ModelOps.Workflows.Replay;
using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Runner;

[Collection(AzuriteCollection.Name)]
public sealed class HistoryCommitTests(AzuriteFixture azurite)
{
    private readonly RunnerNames _names = RunnerNames.Create();
    private readonly Probe _probe = new() { EffectsTable = AzuriteFixture.UniqueName("effects") };

    [Theory]
    [InlineData(3)]
    [InlineData(250)]
    public async Task Commit_TwoRunnersFromTheSameState_SecondFailsAndAppendsNothing(int events)
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a", startRunner: false);
        var id = await host.Client.StartAsync(nameof(TestWorkflows.Approval), "x");
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var first = (await store.GetInstanceAsync(id, CancellationToken.None))!;
        var second = (await store.GetInstanceAsync(id, CancellationToken.None))!;

        await store.CommitAsync(first, Append(id, first, events, "first"), [], CancellationToken.None);
        var lost = await Assert.ThrowsAsync<StorageConflictException>(
            () => store.CommitAsync(second, Append(id, second, events + 1, "second"), [], CancellationToken.None));

        Assert.Equal(StorageConflict.ETagMismatch, lost.Conflict);
        var rows = await store.QueryPartitionAsync(id, "RowKey ge 'h' and RowKey lt 'i'", CancellationToken.None);
        Assert.Equal(events, rows.Count);
        Assert.All(rows, r => Assert.Equal("first", HistoryTable.ReadEvent(r).Name));
        Assert.Equal(events, (await store.GetInstanceAsync(id, CancellationToken.None))!.HistoryCount);
    }

    private static List<TableAction> Append(string id, InstanceRecord instance, int count, string writer)
    {
        var actions = Enumerable.Range(0, count)
            .Select(i => new TableAction(
                TableActionKind.Upsert,
                HistoryTable.EventEntity(id, HistoryTable.HistoryRowKey(1, i), new HistoryEvent(HistoryEventType.EventRaised, DateTimeOffset.UnixEpoch) { Name = writer }, 1)))
            .ToList();
        instance.HistoryCount = count;
        return actions;
    }
}
