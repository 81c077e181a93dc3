using System.Text.Json;
using ModelOps.Testing;

namespace ModelOps.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class RolloutAndBatchCommandsTests(CliHostFixture host)
{
    private static string Iris => Path.Combine(RepositoryPaths.SharedData, "onnx-models", "onnxruntime_go__sklearn_randomforest.onnx");

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public async Task Rollouts_StartShowRollback_AgainstTheHost()
    {
        var model = UniqueName("roll");
        Assert.Equal(0, (await host.RunAsync("models", "register", model, Iris)).Exit);
        Assert.Equal(0, (await host.RunAsync("models", "register", model, Iris)).Exit);
        Assert.Equal(0, (await host.RunAsync("aliases", "set", model, "champion", "1")).Exit);

        var started = await host.RunAsync("rollouts", "start", model, "--version", "2", "--strategy", "canary", "--percent", "10", "--bake-time", "00:10:00", "--json");
        Assert.True(started.Exit == 0, started.ToString());
        string id;
        using (var document = JsonDocument.Parse(started.Output))
        {
            id = document.RootElement.GetProperty("id").GetString()!;
            Assert.Equal(2, document.RootElement.GetProperty("version").GetInt32());
        }

        var second = await host.RunAsync("rollouts", "start", model, "--version", "2");
        Assert.Equal(ExitCodes.Conflict, second.Exit);
        Assert.Contains("\"error\"", second.Error, StringComparison.Ordinal);

        var list = await host.RunAsync("rollouts", "show", model);
        Assert.True(list.Exit == 0, list.ToString());
        Assert.Contains(id, list.Output, StringComparison.Ordinal);

        var one = await host.RunAsync("rollouts", "show", model, id);
        Assert.True(one.Exit == 0, one.ToString());
        Assert.Contains($"Rollout {id} of version 2 (canary)", one.Output, StringComparison.Ordinal);

        var rollback = await host.RunAsync("rollouts", "rollback", model, id);
        Assert.True(rollback.Exit == 0, rollback.ToString());
        Assert.Contains("rollback accepted", rollback.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("rollouts", "show", model, "no-such-rollout")).Exit);
    }

    [Fact]
    public async Task Batch_RefusedInputAndAnEmptyFolder_ExitCodesScriptsCanRelyOn()
    {
        var model = UniqueName("batch");
        Assert.Equal(0, (await host.RunAsync("models", "register", model, Iris)).Exit);

        // A container requests may not read from: the server's 400, printed as received.
        var refused = await host.RunAsync("batch", "start", model, "--input", "models/", "--output", "batch-output/x/");
        Assert.Equal(ExitCodes.Rejected, refused.Exit);
        Assert.Contains("\"error\"", refused.Error, StringComparison.Ordinal);

        // An empty folder is a job that fails at once: watching it ends with the run's exit code.
        var watched = await host.RunAsync("batch", "start", model, "--input", $"batch-input/{model}/", "--output", $"batch-output/{model}/", "--watch");
        Assert.True(watched.Exit == ExitCodes.RunFailed, watched.ToString());
    }
}
