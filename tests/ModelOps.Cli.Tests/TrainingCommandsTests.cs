using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelOps.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class TrainingCommandsTests(CliHostFixture host)
{
    [Fact]
    public async Task DataUpload_WithAConfiguration_FollowsTheRunToAModelThatPredictsCsvRows()
    {
        var model = $"clitrain-{Guid.NewGuid():N}"[..22];
        var directory = Directory.CreateTempSubdirectory("modelops-cli-");
        var configuration = Path.Combine(directory.FullName, "training.json");
        await File.WriteAllTextAsync(configuration, """{"label":"y","task":"binary","trainer":"logistic","holdoutFraction":0.25,"seed":1,"metric":"auc","promotion":{"minimum":0.75,"maxDrop":0.005}}""");

        var set = await host.RunAsync("train", "config", "set", model, configuration);
        Assert.True(set.Exit == 0, set.ToString());
        var shown = await host.RunAsync("train", "config", "show", model, "--json");
        Assert.Equal("logistic", JsonDocument.Parse(shown.Output).RootElement.GetProperty("trainer").GetString());

        var data = Path.Combine(directory.FullName, "first.csv");
        await File.WriteAllTextAsync(data, Dataset(800, seed: 7));
        var upload = await host.RunAsync("data", "upload", model, data);
        Assert.True(upload.Exit == 0, upload.ToString());
        Assert.Contains("Completed", upload.Output, StringComparison.Ordinal);
        Assert.Contains(" s", upload.Output, StringComparison.Ordinal);

        var runs = await host.RunAsync("runs", "list", model, "--json");
        var run = JsonDocument.Parse(runs.Output).RootElement.GetProperty("runs")[0];
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
        var id = run.GetProperty("id").GetString()!;
        var show = await host.RunAsync("runs", "show", id);
        Assert.True(show.Exit == 0, show.ToString());
        Assert.Contains("Step", show.Output, StringComparison.Ordinal);
        var watch = await host.RunAsync("runs", "watch", id);
        Assert.Equal(0, watch.Exit);

        var rows = Path.Combine(directory.FullName, "rows.csv");
        await File.WriteAllTextAsync(rows, "x1,x2\n2.5,1.0\n-2.5,-1.0\n");
        var predicted = await host.RunAsync("predict", model, "--rows", rows, "--json");
        Assert.True(predicted.Exit == 0, predicted.ToString());
        var labels = JsonDocument.Parse(predicted.Output).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").ToString()).ToArray();
        Assert.Equal(["1", "0"], labels);

        var checkedNow = await host.RunAsync("monitoring", "run", model);
        Assert.True(checkedNow.Exit == 0, checkedNow.ToString());
        Assert.StartsWith("Report ", checkedNow.Output, StringComparison.Ordinal);
        var reports = await host.RunAsync("monitoring", "show", model, "--json");
        Assert.True(reports.Exit == 0, reports.ToString());
        var reportId = JsonDocument.Parse(reports.Output).RootElement.GetProperty("reports")[0].GetProperty("id").GetString()!;
        var report = await host.RunAsync("monitoring", "show", model, reportId);
        Assert.True(report.Exit == 0, report.ToString());
        Assert.Contains(reportId, report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsWatch_UnknownRun_ExitsNotFound()
    {
        var watched = await host.RunAsync("runs", "watch", "no-such-run");

        Assert.Equal(ExitCodes.NotFound, watched.Exit);
        Assert.Contains("no-such-run", watched.Error, StringComparison.Ordinal);
    }

    /// <summary>y is 1 when x1 + x2/2 plus a little noise is positive: a logistic model separates it well.</summary>
    private static string Dataset(int rows, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("x1,x2,y\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = (random.NextDouble() * 4) - 2;
            var x2 = (random.NextDouble() * 4) - 2;
            var y = x1 + (x2 / 2) + ((random.NextDouble() - 0.5) * 0.5) > 0 ? 1 : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{x1:0.####},{x2:0.####},{y}\n");
        }

        return csv.ToString();
    }
}
