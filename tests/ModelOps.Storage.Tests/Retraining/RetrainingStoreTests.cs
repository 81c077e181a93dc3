using System.Text;
using ModelOps.Errors;
using ModelOps.Retraining;
using ModelOps.Storage.Retraining;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Retraining;

[Collection(AzuriteCollection.Name)]
public sealed class RetrainingStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static TrainingConfiguration Configuration(string label = "churn") => new()
    {
        Label = label,
        Task = TaskNames.Binary,
        Trainer = "logistic",
        Metric = "auc",
    };

    [Fact]
    public async Task TrainingData_UploadGetListOpen_OnlyFilesDirectlyUnderAModel()
    {
        var account = StorageTestAccount.Create(azurite);
        var store = new BlobTrainingDataStore(account);
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n"));

        var file = await store.UploadAsync("churn", "2026-12.csv", csv);
        await store.UploadAsync("other", "x.csv", new MemoryStream("z\n1\n"u8.ToArray()));
        var container = account.Blobs.GetBlobContainerClient(account.Names.TrainingDataContainer);
        await container.UploadBlobAsync("top.csv", BinaryData.FromString("x"));
        await container.UploadBlobAsync("churn/deeper/x.csv", BinaryData.FromString("x"));

        Assert.Equal(("churn", "2026-12.csv", 8L), (file.Model, file.Name, file.Size));
        Assert.Equal($"{account.Names.TrainingDataContainer}/churn/2026-12.csv", file.Location);
        Assert.Equal(file, await store.GetAsync("churn", "2026-12.csv"));
        Assert.Null(await store.GetAsync("churn", "missing.csv"));
        // The version a listing sees is the one an upload returned: run ids and receipts derive from it.
        var listed = Assert.Single(await store.ListAsync("churn").ToListAsync());
        Assert.Equal((file.Name, file.ETag, file.Size), (listed.Name, listed.ETag, listed.Size));
        Assert.Equal(["churn/2026-12.csv", "other/x.csv"], await store.ListAsync(null).Select(f => $"{f.Model}/{f.Name}").ToListAsync());
        await using var content = await store.OpenReadAsync("churn", "2026-12.csv");
        Assert.Equal("a,b\n1,2\n", await new StreamReader(content!).ReadToEndAsync());
        Assert.Null(await store.OpenReadAsync("churn", "missing.csv"));
    }

    [Fact]
    public async Task TrainingData_UploadIfAbsent_KeepsTheFirst()
    {
        var store = new BlobTrainingDataStore(StorageTestAccount.Create(azurite));

        var first = await store.UploadIfAbsentAsync("m", "demo.csv", new MemoryStream("1\n"u8.ToArray()));
        var second = await store.UploadIfAbsentAsync("m", "demo.csv", new MemoryStream("2\n"u8.ToArray()));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(first!.ETag, (await store.GetAsync("m", "demo.csv"))!.ETag);
    }

    [Fact]
    public async Task RunReports_WriteReturnsTheLocation_ReadBack()
    {
        var account = StorageTestAccount.Create(azurite);
        var store = new BlobRunReportStore(account);

        var location = await store.WriteAsync("m", "run-1", "validation.json", "{}"u8.ToArray(), "application/json");

        Assert.Equal($"{account.Names.ReportsContainer}/m/run-1/validation.json", location);
        Assert.Equal("{}"u8.ToArray(), await store.ReadAsync("m", "run-1", "validation.json"));
        Assert.Null(await store.ReadAsync("m", "run-2", "validation.json"));
    }

    [Fact]
    public async Task Configurations_PutGetListWithConcurrency()
    {
        var store = new TableTrainingConfigurationStore(StorageTestAccount.Create(azurite));

        var first = await store.PutAsync("m", Configuration(), T0, ifMatch: null);
        var second = await store.PutAsync("m", Configuration("label2"), T0, first.ETag);
        var lost = await Assert.ThrowsAsync<StoreConflictException>(() => store.PutAsync("m", Configuration("label3"), T0, first.ETag));
        var none = await Assert.ThrowsAsync<StoreConflictException>(() => store.PutAsync("other", Configuration(), T0, "*"));

        Assert.Equal((StoreConflict.Changed, StoreConflict.NotFound), (lost.Conflict, none.Conflict));
        var stored = await store.GetAsync("m");
        Assert.Equal(("label2", second.ETag, T0), (stored!.Configuration.Label, stored.ETag, stored.UpdatedAt));
        Assert.Null(await store.GetAsync("other"));
        Assert.Equal(["m"], await store.ListAsync().Select(c => c.Model).ToListAsync());
    }

    [Fact]
    public async Task KnownColumns_RoundTrip()
    {
        var store = new TableTrainingConfigurationStore(StorageTestAccount.Create(azurite));

        Assert.Null(await store.GetKnownColumnsAsync("m"));
        await store.SetKnownColumnsAsync("m", ["a", "b"]);

        Assert.Equal(["a", "b"], await store.GetKnownColumnsAsync("m"));
    }

    [Fact]
    public async Task Ledger_ReceiptsAreRecordedOncePerFileVersion()
    {
        var ledger = new TableRetrainingLedger(StorageTestAccount.Create(azurite));

        Assert.False(await ledger.HasReceiptAsync("m", "a.csv", "\"1\""));
        Assert.True(await ledger.TryAddReceiptAsync("m", "a.csv", "\"1\"", "run-1", T0));
        Assert.False(await ledger.TryAddReceiptAsync("m", "a.csv", "\"1\"", "run-1", T0));

        Assert.True(await ledger.HasReceiptAsync("m", "a.csv", "\"1\""));
        Assert.False(await ledger.HasReceiptAsync("m", "a.csv", "\"2\""));
    }

    [Fact]
    public async Task Ledger_RegistrationsAndSchedules()
    {
        var ledger = new TableRetrainingLedger(StorageTestAccount.Create(azurite));

        Assert.Null(await ledger.GetRegistrationAsync("m", "run-1"));
        await ledger.SetRegistrationAsync("m", "run-1", new RunRegistration(4, "abc"));
        await ledger.SetRegistrationAsync("m", "run-1", new RunRegistration(4, "abc"));
        Assert.Equal(new RunRegistration(4, "abc"), await ledger.GetRegistrationAsync("m", "run-1"));

        Assert.Null(await ledger.GetScheduleAsync("m"));
        Assert.True(await ledger.TrySetScheduleAsync("m", "0 0 3 * * *", T0, null));
        Assert.False(await ledger.TrySetScheduleAsync("m", "0 0 3 * * *", T0, null));
        var state = (await ledger.GetScheduleAsync("m"))!;
        Assert.True(await ledger.TrySetScheduleAsync("m", "0 0 3 * * *", T0.AddDays(1), state.ETag));
        Assert.False(await ledger.TrySetScheduleAsync("m", "0 0 3 * * *", T0.AddDays(2), state.ETag));
        Assert.Equal(T0.AddDays(1), (await ledger.GetScheduleAsync("m"))!.NextFire);
    }
}
