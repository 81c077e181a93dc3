using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>A host process of its own killed in the middle of a batch job, and a new one finishing it.</summary>
public sealed class BatchCrashTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task HostKilledMidJob_RestartFinishesWithEveryRowScoredOnceInOrder()
    {
        const int rows = 300_000;
        const int perShard = 15_000;
        // The shortest visibility timeout the engine allows, so the killed host's work items reappear quickly.
        var settings = new Dictionary<string, string> { ["ModelOps__Workflows__VisibilityTimeout"] = "00:00:15" };
        await using var host = await HostProcess.StartAsync(_azurite, settings);
        using (var content = new ByteArrayContent(JobData.GradientBoosted))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url("/api/models/crash/versions"), content), HttpStatusCode.Created);
        }

        await JobData.UploadAsync(_azurite.ConnectionString, "batch-input", "big/rows.csv", JobData.Rows(rows));
        var body = string.Create(CultureInfo.InvariantCulture, $$"""{"input":"batch-input/big/","output":"batch-output/big/","format":"csv","includeInput":true,"maxRowsPerShard":{{perShard}}}""");
        var response = await host.Admin.PostAsync(Url("/api/models/crash/batch"), new StringContent(body, Encoding.UTF8, "application/json"));
        await HttpAssert.OkJsonAsync(response, HttpStatusCode.Accepted);
        var runUrl = response.Headers.Location!.ToString();

        var before = await RetrainingRuns.WaitAsync(host.Admin, runUrl, r => ShardsDone(r) >= 3, TimeSpan.FromSeconds(120));
        await host.KillAsync();
        Assert.True(ShardsDone(before) < rows / perShard, "The job ended before the host could be killed; make it longer.");

        await host.RestartAsync(_azurite, settings);
        var run = await RetrainingRuns.WaitEndedAsync(host.Admin, runUrl, TimeSpan.FromSeconds(300));

        Assert.True(run.GetProperty("runtimeStatus").GetString() == "Completed", run.GetRawText() + host.Log);
        Assert.Equal(rows / perShard, ShardsDone(run));
        var output = await JobData.ReadAsync(_azurite.ConnectionString, "batch-output", "big/rows.csv.out");
        var ids = output!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]).ToList();
        Assert.Equal(rows, ids.Count);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => i.ToString(CultureInfo.InvariantCulture)), ids);
        var manifest = JsonDocument.Parse((await JobData.ReadAsync(_azurite.ConnectionString, "batch-output", "big/_manifest.json"))!).RootElement;
        Assert.Equal(rows, manifest.GetProperty("rows").GetInt64());
        Assert.Equal(0, manifest.GetProperty("errors").GetInt64());
    }

    private static int ShardsDone(JsonElement run) =>
        run.TryGetProperty("customStatus", out var status) && status.ValueKind == JsonValueKind.Object ? status.GetProperty("shardsDone").GetInt32() : 0;
}
