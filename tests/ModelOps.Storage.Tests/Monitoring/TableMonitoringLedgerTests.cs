using ModelOps.Storage.Monitoring;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Monitoring;

[Collection(AzuriteCollection.Name)]
public sealed class TableMonitoringLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReserveRetrain_CoolDownAndDailyCap_RefuseWithTheReason()
    {
        var ledger = new TableMonitoringLedger(StorageTestAccount.Create(azurite));

        Assert.Null(await ledger.TryReserveRetrainAsync("m", "r1", T0, TimeSpan.FromHours(1), 2));
        Assert.Null(await ledger.TryReserveRetrainAsync("m", "r1", T0.AddMinutes(1), TimeSpan.FromHours(1), 2)); // the same report again
        Assert.Contains("Cool-down", await ledger.TryReserveRetrainAsync("m", "r2", T0.AddMinutes(30), TimeSpan.FromHours(1), 2), StringComparison.Ordinal);
        Assert.Null(await ledger.TryReserveRetrainAsync("m", "r3", T0.AddHours(2), TimeSpan.FromHours(1), 2));
        Assert.Contains("Daily cap", await ledger.TryReserveRetrainAsync("m", "r4", T0.AddHours(4), TimeSpan.FromHours(1), 2), StringComparison.Ordinal);
        Assert.Null(await ledger.TryReserveRetrainAsync("m", "r5", T0.AddDays(1), TimeSpan.FromHours(1), 2));
    }

    [Fact]
    public async Task ClaimAlert_TwoHostsAtOnce_OneWins()
    {
        var account = StorageTestAccount.Create(azurite);
        var one = new TableMonitoringLedger(account);
        var two = new TableMonitoringLedger(account);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? one : two).TryClaimAlertAsync("m", "drift-v1", T0, TimeSpan.FromHours(1))));

        Assert.Equal(1, results.Count(r => r));
        Assert.True(await one.TryClaimAlertAsync("m", "drift-v1", T0.AddHours(2), TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Schedule_SetOnceThenOnlyOverItsETag()
    {
        var ledger = new TableMonitoringLedger(StorageTestAccount.Create(azurite));

        Assert.True(await ledger.TrySetScheduleAsync("m", "0 0 * * * *", T0, null));
        Assert.False(await ledger.TrySetScheduleAsync("m", "0 0 * * * *", T0, null));
        var state = await ledger.GetScheduleAsync("m");
        Assert.True(await ledger.TrySetScheduleAsync("m", "0 0 * * * *", T0.AddHours(1), state!.ETag));
        Assert.False(await ledger.TrySetScheduleAsync("m", "0 0 * * * *", T0.AddHours(2), state.ETag));
    }
}
