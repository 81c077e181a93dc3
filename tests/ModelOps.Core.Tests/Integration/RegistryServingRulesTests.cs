using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

/// <summary>Approval gates what serves unpinned calls; deletion leaves tombstones so numbers are never reused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegistryServingRulesTests(AzuriteFixture azurite)
{
    private static readonly byte[] Onnx = CoreServices.Model("logreg.onnx");

    private static async Task RegisterAsync(CoreServices services, string model, int count, ApprovalStatus? status = null)
    {
        for (var i = 0; i < count; i++)
        {
            await services.Registry.RegisterAsync(model, Onnx, new ModelRegistration { ApprovalStatus = status });
        }
    }

    private static async Task<ErrorKind> FailsAsync(Func<Task> call) => (await Assert.ThrowsAsync<ModelOpsException>(call)).Kind;

    [Fact]
    public async Task Rejected_NeverServesUnpinnedAndNoAliasPointsAtIt()
    {
        using var services = new CoreServices(azurite);
        var registry = services.Registry;
        await RegisterAsync(services, "rej", 2);

        await registry.UpdateVersionAsync("rej", 2, new ModelVersionPatch { ApprovalStatus = ApprovalStatus.Rejected, ApprovalReason = "bias" }, null);

        Assert.Equal(1, (await services.Inference.ResolveAsync("rej", null)).Version);
        var alias = await Assert.ThrowsAsync<ModelOpsException>(() => registry.SetAliasAsync("rej", ModelRegistry.ChampionAlias, 2, null));
        Assert.Equal(ErrorKind.Conflict, alias.Kind);
        Assert.Contains("Rejected", alias.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await services.Inference.ResolveAsync("rej", 2)).Version); // pinned calls still reach it
        Assert.Equal("bias", (await registry.GetVersionAsync("rej", 2)).ApprovalReason);
    }

    [Fact]
    public async Task Reject_TheChampion_IsRefusedUntilTheAliasMoves()
    {
        using var services = new CoreServices(azurite);
        var registry = services.Registry;
        await RegisterAsync(services, "champ", 2);
        await registry.SetAliasAsync("champ", ModelRegistry.ChampionAlias, 2, null);

        Assert.Equal(ErrorKind.Conflict, await FailsAsync(() => registry.UpdateVersionAsync("champ", 2, new ModelVersionPatch { ApprovalStatus = ApprovalStatus.Rejected }, null)));

        await registry.SetAliasAsync("champ", ModelRegistry.ChampionAlias, 1, null);
        await registry.UpdateVersionAsync("champ", 2, new ModelVersionPatch { ApprovalStatus = ApprovalStatus.Rejected }, null);
        Assert.Equal(ApprovalStatus.Rejected, (await registry.GetVersionAsync("champ", 2)).ApprovalStatus);
    }

    [Fact]
    public async Task RequireApproval_OnlyApprovedVersionsServeUnpinned()
    {
        using var services = new CoreServices(azurite);
        var registry = services.Registry;
        await RegisterAsync(services, "gated", 1, ApprovalStatus.Approved);
        await RegisterAsync(services, "gated", 1);

        var model = await registry.UpdateModelAsync("gated", new ModelSettingsPatch { RequireApproval = true }, null);

        Assert.True(model.RequireApproval);
        Assert.Equal(1, (await services.Inference.ResolveAsync("gated", null)).Version);
        Assert.Equal(ErrorKind.Conflict, await FailsAsync(() => registry.SetAliasAsync("gated", ModelRegistry.ChampionAlias, 2, null)));
        await registry.UpdateVersionAsync("gated", 2, new ModelVersionPatch { ApprovalStatus = ApprovalStatus.Approved }, null);
        await registry.SetAliasAsync("gated", ModelRegistry.ChampionAlias, 2, null);
        Assert.Equal(2, (await services.Inference.ResolveAsync("gated", null)).Version);
    }

    [Fact]
    public async Task RequireApproval_TurnedOnWhileTheChampionIsUnapproved_IsRefused()
    {
        using var services = new CoreServices(azurite);
        await RegisterAsync(services, "late", 1);
        await services.Registry.SetAliasAsync("late", ModelRegistry.ChampionAlias, 1, null);

        Assert.Equal(ErrorKind.Conflict, await FailsAsync(() => services.Registry.UpdateModelAsync("late", new ModelSettingsPatch { RequireApproval = true }, null)));
        Assert.False((await services.Registry.GetModelAsync("late")).RequireApproval);
    }

    [Fact]
    public async Task UpdateModel_StaleETag_Is412()
    {
        using var services = new CoreServices(azurite);
        await RegisterAsync(services, "etag", 1);
        var seen = await services.Registry.GetModelAsync("etag");
        await services.Registry.UpdateModelAsync("etag", new ModelSettingsPatch { RequireApproval = false }, seen.ETag);

        Assert.Equal(ErrorKind.PreconditionFailed, await FailsAsync(() => services.Registry.UpdateModelAsync("etag", new ModelSettingsPatch { RequireApproval = true }, seen.ETag)));
    }

    [Fact]
    public async Task DeleteVersion_LeavesATombstoneAndItsNumberIsNeverReused()
    {
        using var services = new CoreServices(azurite);
        var registry = services.Registry;
        await RegisterAsync(services, "del", 2);
        await registry.SetAliasAsync("del", ModelRegistry.ChampionAlias, 2, null);

        Assert.Equal(ErrorKind.Conflict, await FailsAsync(() => registry.DeleteVersionAsync("del", 2, null)));
        await registry.SetAliasAsync("del", ModelRegistry.ChampionAlias, 1, null);
        await registry.DeleteVersionAsync("del", 2, null);

        var gone = await Assert.ThrowsAsync<ModelOpsException>(() => registry.GetVersionAsync("del", 2));
        Assert.Contains("was deleted", gone.Message, StringComparison.Ordinal);
        Assert.Null(await services.Artifacts.OpenAsync("del", 2));
        Assert.Equal(1, (await registry.GetModelAsync("del")).LatestVersion);
        Assert.Equal(3, (await registry.RegisterAsync("del", Onnx, new ModelRegistration())).Version);
    }

    [Fact]
    public async Task DeleteModel_RefusedWithAliases_ThenGoneAndItsNameContinuesItsNumbering()
    {
        using var services = new CoreServices(azurite);
        var registry = services.Registry;
        await RegisterAsync(services, "whole", 2);
        await registry.SetAliasAsync("whole", "shadow", 1, null);

        Assert.Equal(ErrorKind.Conflict, await FailsAsync(() => registry.DeleteModelAsync("whole", null)));
        await registry.DeleteAliasAsync("whole", "shadow", null);
        await registry.DeleteModelAsync("whole", null);

        Assert.Equal(ErrorKind.NotFound, await FailsAsync(() => registry.GetModelAsync("whole")));
        Assert.DoesNotContain("whole", (await registry.ListModelsAsync()).Select(m => m.Name));
        Assert.Null(await services.Artifacts.OpenAsync("whole", 1));
        var again = await registry.RegisterAsync("whole", Onnx, new ModelRegistration());
        Assert.Equal(3, again.Version);
        Assert.Equal([3], (await registry.ListVersionsAsync("whole")).Select(v => v.Version));
    }
}
