using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Serialization;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

/// <summary>
/// What a host killed in the middle of registrations leaves behind, and how recovery repairs it: a number whose files
/// were complete is finished, one whose files were not is given back (and reused), files no record owns are deleted,
/// and no listing ever names a version that cannot be served.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegistryRecoveryTests(AzuriteFixture azurite)
{
    private static readonly byte[] Onnx = CoreServices.Model("logreg.onnx");

    /// <summary>Registers versions 1..<paramref name="ready"/> and leaves a dead registration of the next number with the given files.</summary>
    private static async Task<(CoreServices Services, ManualTimeProvider Time)> CrashedAsync(AzuriteFixture azurite, string model, int ready, bool onnx, bool card)
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var services = new CoreServices(azurite, time: time);
        for (var i = 0; i < ready; i++)
        {
            await services.Registry.RegisterAsync(model, Onnx, new ModelRegistration { Description = $"v{i + 1}" });
        }

        // A registration that reserved its number, then died part-way through writing its files.
        var record = await services.Store.GetModelAsync(model);
        var number = (record?.LastNumber ?? 0) + 1;
        Assert.NotNull(await services.Store.TryReserveVersionAsync(model, number, record, time.GetUtcNow()));
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Onnx));
        if (onnx)
        {
            await services.Artifacts.WriteAsync(model, number, Onnx, sha256);
        }

        if (card)
        {
            var version = (await services.Registry.GetVersionAsync(model, 1)) with { Version = number, Description = "from the card", ETag = null };
            await services.Artifacts.WriteCardAsync(model, number, JsonSerializer.SerializeToUtf8Bytes(version, ModelOpsJson.Options));
        }

        return (services, time);
    }

    [Fact]
    public async Task DeadRegistration_IsNeverListedOrNamedAsLatest()
    {
        var (services, _) = await CrashedAsync(azurite, "phantom", ready: 2, onnx: true, card: false);
        using var _ = services;

        var model = await services.Registry.GetModelAsync("phantom");

        Assert.Equal(2, model.LatestVersion);
        Assert.Equal([1, 2], (await services.Registry.ListVersionsAsync("phantom")).Select(v => v.Version));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ModelOpsException>(() => services.Registry.GetVersionAsync("phantom", 3))).Kind);
        Assert.Equal(2, (await services.Inference.ResolveAsync("phantom", null)).Version);
    }

    [Fact]
    public async Task Recover_IncompleteFiles_GivesTheNumberBackAndDeletesTheFiles()
    {
        var (services, time) = await CrashedAsync(azurite, "incomplete", ready: 1, onnx: true, card: false);
        using var _ = services;

        Assert.Equal(new RegistryRecovery(), await services.Registry.RecoverAsync()); // too young: may still be running
        time.Advance(TimeSpan.FromMinutes(3));
        var recovery = await services.Registry.RecoverAsync();

        Assert.Equal(new RegistryRecovery(Released: 1), recovery);
        Assert.Null(await services.Artifacts.OpenAsync("incomplete", 2));
        Assert.Equal(1, (await services.Store.GetModelAsync("incomplete"))!.LastNumber);
        var next = await services.Registry.RegisterAsync("incomplete", Onnx, new ModelRegistration());
        Assert.Equal(2, next.Version);
    }

    [Fact]
    public async Task Recover_CompleteFiles_FinishesTheVersionFromItsCard()
    {
        var (services, time) = await CrashedAsync(azurite, "complete", ready: 1, onnx: true, card: true);
        using var _ = services;
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(new RegistryRecovery(Finished: 1), await services.Registry.RecoverAsync());

        var finished = await services.Registry.GetVersionAsync("complete", 2);
        Assert.Equal("from the card", finished.Description);
        Assert.Equal(2, (await services.Registry.GetModelAsync("complete")).LatestVersion);
        await services.Cache.AcquireAsync(finished); // the files verify and load
    }

    [Fact]
    public async Task Recover_FilesWhoseBytesDoNotMatch_AreNotFinished()
    {
        var (services, time) = await CrashedAsync(azurite, "torn", ready: 1, onnx: false, card: true);
        using var _ = services;
        await services.Artifacts.WriteAsync("torn", 2, Onnx.AsMemory(0, Onnx.Length / 2), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Onnx)));
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(new RegistryRecovery(Released: 1), await services.Registry.RecoverAsync());

        Assert.Equal([1], (await services.Registry.ListVersionsAsync("torn")).Select(v => v.Version));
    }

    [Fact]
    public async Task Register_MeetingADeadRegistrationAtTheTop_RecoversItAndTakesItsNumber()
    {
        var (services, time) = await CrashedAsync(azurite, "meet", ready: 3, onnx: false, card: false);
        using var _ = services;
        time.Advance(TimeSpan.FromMinutes(3));

        var next = await services.Registry.RegisterAsync("meet", Onnx, new ModelRegistration());

        Assert.Equal(4, next.Version);
        Assert.Equal([1, 2, 3, 4], (await services.Registry.ListVersionsAsync("meet")).Select(v => v.Version));
    }

    [Fact]
    public async Task Recover_SeveralDeadRegistrationsAtTheTop_LeaveNoGap()
    {
        var (services, time) = await CrashedAsync(azurite, "burst", ready: 2, onnx: false, card: false);
        using var _ = services;
        for (var number = 4; number <= 5; number++)
        {
            Assert.NotNull(await services.Store.TryReserveVersionAsync("burst", number, await services.Store.GetModelAsync("burst"), time.GetUtcNow()));
        }

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(new RegistryRecovery(Released: 3), await services.Registry.RecoverAsync());

        Assert.Equal(3, (await services.Registry.RegisterAsync("burst", Onnx, new ModelRegistration())).Version);
    }

    [Fact]
    public async Task Recover_FilesNoRecordOwns_AreDeleted()
    {
        using var services = new CoreServices(azurite);
        await services.Registry.RegisterAsync("orphans", Onnx, new ModelRegistration());
        await services.Artifacts.WriteAsync("orphans", 7, Onnx, "whatever");
        await services.Artifacts.WriteAsync("nobody", 1, Onnx, "whatever");

        Assert.Equal(new RegistryRecovery(OrphansDeleted: 2), await services.Registry.RecoverAsync());

        Assert.Null(await services.Artifacts.OpenAsync("orphans", 7));
        Assert.Null(await services.Artifacts.OpenAsync("nobody", 1));
        await using var kept = await services.Artifacts.OpenAsync("orphans", 1);
        Assert.NotNull(kept);
    }
}
