using System.Net;
using System.Text;
using System.Text.Json;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>Host processes of their own (with an Azurite of their own): killed mid-run, and started on empty storage.</summary>
public sealed class RetrainingCrashTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task HostKilledWhileTraining_NewHostFinishesTheRunWithExactlyOneVersion()
    {
        // The shortest visibility timeout the engine allows, so the killed host's work item reappears quickly.
        var settings = new Dictionary<string, string> { ["ModelOps__Workflows__VisibilityTimeout"] = "00:00:15" };
        await using var host = await HostProcess.StartAsync(_azurite, settings);
        const string model = "crash";
        var configuration = RetrainingData.Configuration("gbt", """{"maxIterations":400,"earlyStopping":false}""");
        (await host.Admin.PutAsync(Url($"/api/models/{model}/training"), new StringContent(configuration, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var upload = await HttpAssert.OkJsonAsync(
            await host.Admin.PutAsync(Url($"/api/models/{model}/training-data/big.csv"), new StringContent(RetrainingData.Binary(60_000), Encoding.UTF8, "text/csv")),
            HttpStatusCode.Created);
        var runUrl = upload.GetProperty("run").GetString()!;

        await RetrainingRuns.WaitAsync(
            host.Admin,
            runUrl,
            // customStatus is null until the workflow sets its first step.
            r => r.TryGetProperty("customStatus", out var status) && status.ValueKind == JsonValueKind.Object &&
                 status.TryGetProperty("step", out var step) && step.GetString() == "TrainCandidate",
            TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        var before = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url(runUrl)));
        Assert.Equal("TrainCandidate", before.GetProperty("customStatus").GetProperty("step").GetString());
        await host.KillAsync();

        await host.RestartAsync(_azurite, settings);
        var run = await RetrainingRuns.WaitEndedAsync(host.Admin, runUrl, TimeSpan.FromSeconds(240));

        Assert.True(run.GetProperty("runtimeStatus").GetString() == "Completed", run.GetRawText() + host.Log);
        var train = run.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "TrainCandidate");
        Assert.Equal("Completed", train.GetProperty("status").GetString());

        // The history schedules the step once; the killed host's execution and the new host's are two attempts, and the
        // duration is the last one's, not one that includes the downtime.
        Assert.Equal(2, train.GetProperty("attempts").GetInt32());
        var span = (train.GetProperty("end").GetDateTimeOffset() - train.GetProperty("start").GetDateTimeOffset()).TotalMilliseconds;
        Assert.True(train.GetProperty("durationMs").GetInt64() < span - 5000, train.GetRawText());
        var versions = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/versions")));
        Assert.Equal(1, versions.GetProperty("versions").GetArrayLength());
        var prediction = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(
            Url($"/api/models/{model}/predict"),
            new StringContent("""{"rows":[{"x1":1.8,"x2":-1.5,"color":"red"}]}""", Encoding.UTF8, "application/json")));
        Assert.Equal(1, prediction.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task FirstStartOnEmptyStorage_TrainsTheDemoModelSoPredictWorks()
    {
        await using var host = await HostProcess.StartAsync(_azurite, new Dictionary<string, string> { ["ModelOps__Demo__Enabled"] = "true" });
        var deadline = DateTime.UtcNow.AddSeconds(120);
        HttpResponseMessage? response = null;
        var body = """{"rows":[{"tenure":3,"monthlyCharges":95.5,"supportCalls":4,"contract":"month-to-month","internetService":"fiber"},{"tenure":60,"monthlyCharges":30.2,"supportCalls":0,"contract":"two-year","internetService":"none"}]}""";
        while (DateTime.UtcNow < deadline)
        {
            response = await host.Api.PostAsync(Url("/api/models/demo/predict"), new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(500);
        }

        var prediction = await HttpAssert.OkJsonAsync(response!);
        Assert.Equal(1, prediction.GetProperty("version").GetInt32());
        var predictions = prediction.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal("yes", predictions[0].GetProperty("label").GetString());
        Assert.Equal("no", predictions[1].GetProperty("label").GetString());
        var runs = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url("/api/models/demo/runs")));
        Assert.Equal("blob", runs.GetProperty("runs")[0].GetProperty("trigger").GetString());

        // A second start finds a model and seeds nothing more.
        await host.RestartAsync(_azurite, new Dictionary<string, string> { ["ModelOps__Demo__Enabled"] = "true" });
        await Task.Delay(1500);
        var again = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url("/api/models/demo/runs")));
        Assert.Equal(1, again.GetProperty("runs").GetArrayLength());
    }
}
