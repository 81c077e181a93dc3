using System.Text.Json;
using ModelOps.Testing;

namespace ModelOps.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ModelsCommandsTests(CliHostFixture host)
{
    private static string Iris => Path.Combine(RepositoryPaths.SharedData, "onnx-models", "onnxruntime_go__sklearn_randomforest.onnx");

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public async Task Models_RegisterAliasPredictShowDelete_WorkAgainstTheHost()
    {
        var model = UniqueName("cli");

        var registered = await host.RunAsync("models", "register", model, Iris, "--description", "forest", "--metrics", "accuracy=0.96");
        Assert.True(registered.Exit == 0, registered.ToString());
        Assert.Contains($"Registered {model} version 1", registered.Output, StringComparison.Ordinal);

        var alias = await host.RunAsync("aliases", "set", model, "champion", "1");
        Assert.True(alias.Exit == 0, alias.ToString());

        var list = await host.RunAsync("models", "list", "--json");
        Assert.Equal(0, list.Exit);
        using (var document = JsonDocument.Parse(list.Output))
        {
            var found = document.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == model);
            Assert.Equal(1, found.GetProperty("aliases").GetProperty("champion").GetInt32());
        }

        var table = await host.RunAsync("models", "show", model);
        Assert.True(table.Exit == 0, table.ToString());
        Assert.Contains("accuracy=0.96", table.Output, StringComparison.Ordinal);
        Assert.Contains("│", table.Output, StringComparison.Ordinal);

        var rows = Path.GetTempFileName() + ".json";
        await File.WriteAllTextAsync(rows, """{"instances":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}""");
        var predicted = await host.RunAsync("predict", model, "--rows", rows, "--json");
        Assert.True(predicted.Exit == 0, predicted.ToString());
        using (var document = JsonDocument.Parse(predicted.Output))
        {
            var labels = document.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetInt64()).ToArray();
            Assert.Equal([0L, 2L], labels);
        }

        var approved = await host.RunAsync("models", "approve", model, "1", "--reason", "checked");
        Assert.True(approved.Exit == 0, approved.ToString());
        Assert.Contains("Approved", approved.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await host.RunAsync("aliases", "delete", model, "champion")).Exit);
        var deleted = await host.RunAsync("models", "delete", model);
        Assert.True(deleted.Exit == 0, deleted.ToString());
        var gone = await host.RunAsync("models", "show", model);
        Assert.Equal(ExitCodes.NotFound, gone.Exit);
    }

    [Fact]
    public async Task Errors_FromTheServer_ArePrintedAsReceivedWithTheirExitCode()
    {
        var missing = await host.RunAsync("models", "show", "no-such-model");
        Assert.Equal(ExitCodes.NotFound, missing.Exit);
        Assert.Equal("{\"error\":\"Model 'no-such-model' does not exist.\"}", missing.Error.Trim());
        Assert.Equal(string.Empty, missing.Output);

        var wrongKey = await host.RunAsync(new Dictionary<string, string> { ["MODELOPS_KEY"] = "wrong" }, "models", "list");
        Assert.Equal(ExitCodes.Unauthorized, wrongKey.Exit);
        Assert.Contains("\"error\"", wrongKey.Error, StringComparison.Ordinal);

        // The option wins over the environment.
        Assert.Equal(0, (await host.RunAsync(new Dictionary<string, string> { ["MODELOPS_KEY"] = "wrong" }, "models", "list", "--key", CliHostFixture.AdminKey)).Exit);

        var model = UniqueName("clibad");
        Assert.Equal(0, (await host.RunAsync("models", "register", model, Iris)).Exit);
        var rows = Path.GetTempFileName() + ".csv";
        await File.WriteAllTextAsync(rows, "height,width\n1,2\n");
        var rejected = await host.RunAsync("predict", model, "--rows", rows, "--version", "1");
        Assert.Equal(ExitCodes.Rejected, rejected.Exit);
        Assert.Contains("'height'", rejected.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("models", "lst")).Exit);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("predict", model, "--rows", "/nonexistent/rows.csv")).Exit);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("--url", "ftp://nowhere", "models", "list")).Exit);

        var unreachable = await host.RunAsync("--url", "http://127.0.0.1:1", "models", "list");
        Assert.Equal(ExitCodes.ServerError, unreachable.Exit);
        Assert.Contains("Cannot reach", unreachable.Error, StringComparison.Ordinal);
    }
}
