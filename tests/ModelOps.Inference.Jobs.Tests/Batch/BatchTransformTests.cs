using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Errors;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Inference.Jobs.Tests.Support;
using ModelOps.Registry;
using ModelOps.Tensors;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Inference.Jobs.Tests.Batch;

/// <summary>Batch jobs on the Durable Task engine over a real Azurite, scoring with a gradient-boosted model the platform trained.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BatchTransformTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Model = "churn";
    private JobsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await JobsHost.StartAsync(azurite);
        await _host.Registry.RegisterAsync(Model, TrainedModels.GradientBoosted, new ModelRegistration());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Csv_WithBadRows_OneOutputRowPerInputRowInOrderErrorsListedAndManifest()
    {
        var (csv, rows) = Csv(25, badLines: new Dictionary<int, string> { [6] = "abc,0.5,red,1", [17] = "0.1,red,1" });
        await _host.UploadAsync("batch-input", "job1/data.csv", csv);

        var run = await RunAsync(new BatchTransformRequest { Input = "batch-input/job1/", Output = "batch-output/job1", Format = "csv", MaxRowsPerShard = 10, MaxErrorRate = 0.1 });

        Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
        var status = run.ReadCustomStatus<BatchTransformStatus>()!;
        Assert.Equal(new BatchTransformStatus("Done", 3, 3, 23, 2), status);
        var lines = (await _host.ReadAsync("batch-output", "job1/data.csv.out"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("label,probability_0,probability_1", lines[0]);
        Assert.Equal(26, lines.Length);
        var expected = await ExpectedAsync(rows.Where(r => r is not null).ToList()!);
        var good = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i] is null ? ",," : expected[good++], lines[i + 1]);
        }

        var errors = (await _host.ReadAsync("batch-output", "job1/data.csv.errors.jsonl"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([6L, 17L], errors.Select(e => e.GetProperty("line").GetInt64()));
        Assert.Contains("column 'x1': 'abc' is not a finite number", errors[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("3 fields but the header has 4", errors[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var manifest = JsonDocument.Parse((await _host.ReadAsync("batch-output", "job1/_manifest.json"))!).RootElement;
        Assert.Equal("Succeeded", manifest.GetProperty("status").GetString());
        Assert.Equal(25, manifest.GetProperty("rows").GetInt64());
        Assert.Equal(2, manifest.GetProperty("errors").GetInt64());
        Assert.Equal(1, manifest.GetProperty("version").GetInt32());
        Assert.Equal("batch-output/job1/data.csv.out", manifest.GetProperty("files")[0].GetProperty("output").GetString());
        Assert.True(manifest.GetProperty("end").GetDateTimeOffset() >= manifest.GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task JsonLines_WithBadRowsAndInputIncluded_KeepsInputAndNullsForBadRows()
    {
        var text = new StringBuilder()
            .Append("{\"id\":\"a\",\"x1\":1.8,\"x2\":-1.5,\"color\":\"red\"}\n")
            .Append("not json\n")
            .Append("\n")
            .Append("{\"id\":\"c\",\"x1\":\"abc\",\"x2\":1,\"color\":\"blue\"}\n")
            .Append("{\"id\":\"d\",\"x1\":-1.9,\"x2\":1.7,\"color\":\"blue\"}\n")
            .Append("{\"id\":\"e\",\"x1\":1,\"x1\":2,\"x2\":1,\"color\":\"red\"}\n")
            .ToString();
        await _host.UploadAsync("batch-input", "job2/part-1.jsonl", text);

        var run = await RunAsync(new BatchTransformRequest { Input = "batch-input/job2", Output = "batch-output/job2/", Format = "jsonl", IncludeInput = true, MaxRowsPerShard = 2, MaxErrorRate = 0.75 });

        Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
        var lines = (await _host.ReadAsync("batch-output", "job2/part-1.jsonl.out"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("1", lines[0].GetProperty("label").ToString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("label").ValueKind);
        Assert.Equal("c", lines[2].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("probability_1").ValueKind);
        Assert.Equal("0", lines[3].GetProperty("label").ToString());
        Assert.Equal(JsonValueKind.Null, lines[4].GetProperty("label").ValueKind);
        var errors = (await _host.ReadAsync("batch-output", "job2/part-1.jsonl.errors.jsonl"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([2L, 4L, 6L], errors.Select(e => e.GetProperty("line").GetInt64()));
        Assert.Contains("not valid JSON", errors[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("'x1'", errors[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("the key 'x1' twice", errors[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HeaderLacksAFeature_FailsAtOnceNamingTheColumnAndWritesNothing()
    {
        await _host.UploadAsync("batch-input", "job3/data.csv", "x1,color\n1,red\n");

        var run = await RunAsync(new BatchTransformRequest { Input = "batch-input/job3/", Output = "batch-output/job3/", Format = "csv" });

        Assert.Equal(WorkflowRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("lacks column 'x2'", run.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("lacks column 'x2'", run.ReadCustomStatus<BatchTransformStatus>()!.Error, StringComparison.Ordinal);
        Assert.Empty(await _host.ListAsync("batch-output", "job3/"));
        Assert.Single(run.Steps); // never retried
    }

    [Theory]
    [InlineData("empty.csv", "", "is empty")]
    [InlineData("header-only.csv", "x1,x2,color\n", "has no rows")]
    [InlineData("open-quote.csv", "x1,x2,color\n1,2,\"red\n3,4,blue\n", "never closed")]
    public async Task Csv_UnusableFile_FailsAtOnceNamingItAndWritesNothing(string file, string content, string reason)
    {
        var folder = $"bad-{Path.GetFileNameWithoutExtension(file)}";
        await _host.UploadAsync("batch-input", $"{folder}/{file}", content);

        var run = await RunAsync(new BatchTransformRequest { Input = $"batch-input/{folder}/", Output = $"batch-output/{folder}/", Format = "csv" });

        Assert.Equal(WorkflowRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains(reason, run.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains(file, run.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(await _host.ListAsync("batch-output", $"{folder}/"));
    }

    [Fact]
    public async Task Folder_WithoutFiles_Fails()
    {
        var run = await RunAsync(new BatchTransformRequest { Input = "batch-input/nothing-here/", Output = "batch-output/nothing/", Format = "csv" });

        Assert.Equal(WorkflowRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("no input files", run.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorRateAboveTheLimit_FailsWithErrorFilesAndManifestButNoOutput()
    {
        var (csv, _) = Csv(20, badLines: new Dictionary<int, string> { [4] = "x,1,red,0", [9] = "y,1,red,0" });
        await _host.UploadAsync("batch-input", "job5/data.csv", csv);

        var run = await RunAsync(new BatchTransformRequest { Input = "batch-input/job5/", Output = "batch-output/job5/", Format = "csv", MaxErrorRate = 0.05 });

        Assert.Equal(WorkflowRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("2 of 20 rows", run.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(["job5/_manifest.json", "job5/data.csv.errors.jsonl"], (await _host.ListAsync("batch-output", "job5/")).Order());
        var manifest = JsonDocument.Parse((await _host.ReadAsync("batch-output", "job5/_manifest.json"))!).RootElement;
        Assert.Equal("Failed", manifest.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("parquet", "batch-input/a/", "batch-output/a/", "'format'")]
    [InlineData(null, "batch-input/a/", "batch-output/a/", "'format'")]
    [InlineData("csv", "models/", "batch-output/a/", "'input'")]
    [InlineData("csv", "batch-input/a/", "models/a/", "'output'")]
    [InlineData("csv", "batch-input/../models/", "batch-output/a/", "'input'")]
    public async Task StartAsync_BadRequest_RefusedAndNoRunStarted(string? format, string input, string output, string field)
    {
        var runs = _host.Services.GetRequiredService<WorkflowRuns>();

        var refused = await Assert.ThrowsAsync<ModelOpsException>(() =>
            _host.Batch.StartAsync(Model, new BatchTransformRequest { Input = input, Output = output, Format = format }));

        Assert.Equal(ErrorKind.InvalidInput, refused.Kind);
        Assert.Contains(field, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await runs.ListAsync(Model, 100, null)).Runs, r => r.Input?.GetProperty("input").GetString() == input);
    }

    [Fact]
    public async Task StartAsync_UnknownModelOrVersion_NotFound()
    {
        var request = new BatchTransformRequest { Input = "batch-input/a/", Output = "batch-output/a/", Format = "csv" };

        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ModelOpsException>(() => _host.Batch.StartAsync("nosuch", request))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ModelOpsException>(() => _host.Batch.StartAsync(Model, request with { Version = 7 }))).Kind);
    }

    [Fact]
    public async Task ShardRunTwice_ReplacesItsPartsSoEveryRowIsInTheOutputOnce()
    {
        var (csv, rows) = Csv(30, badLines: []);
        await _host.UploadAsync("batch-input", "job6/data.csv", csv);
        var job = new BatchTransformInput
        {
            Model = Model,
            Version = 1,
            Input = "batch-input/job6/",
            Output = "batch-output/job6/",
            Format = BatchFormats.Csv,
            MaxRowsPerShard = 8,
            MaxErrorRate = 0,
            StartedAt = DateTimeOffset.UnixEpoch,
        };
        var context = new TestActivityContext(ScoreShardActivity.Name, "job6-run");
        var plan = await Activity<PlanBatchTransformActivity>().RunAsync(context, job, CancellationToken.None);
        var file = plan.Files[0];
        var results = new List<ShardResult>();
        foreach (var shard in file.Shards)
        {
            var work = new ShardWork { Job = job, File = file with { Shards = [] }, Shard = shard, Columns = plan.Columns };
            results.Add(await Activity<ScoreShardActivity>().RunAsync(context, work, CancellationToken.None));
            if (shard.Index == 1)
            {
                // The engine delivers activities at least once: the shard runs again (after a crash, say).
                results[^1] = await Activity<ScoreShardActivity>().RunAsync(context, work, CancellationToken.None);
            }
        }

        var output = await Activity<WriteBatchOutputActivity>().RunAsync(context, new BatchOutputRequest { Job = job, Plan = plan, Results = results, End = DateTimeOffset.UnixEpoch }, CancellationToken.None);

        Assert.Equal(4, file.Shards.Count);
        Assert.Equal(30, output.Rows);
        var lines = (await _host.ReadAsync("batch-output", "job6/data.csv.out"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(await ExpectedAsync(rows!), lines.Skip(1));
    }

    private T Activity<T>() => ActivatorUtilities.CreateInstance<T>(_host.Services);

    private async Task<WorkflowInstance> RunAsync(BatchTransformRequest request)
    {
        var id = await _host.Batch.StartAsync(Model, request);
        return await _host.Client.WaitForEndAsync(id, TimeSpan.FromMinutes(2));
    }

    /// <summary>A CSV of <paramref name="count"/> rows (line 1 the header); the given lines replaced by bad rows (null in the row list).</summary>
    private static (string Csv, List<(float X1, float X2, string Color)?> Rows) Csv(int count, Dictionary<int, string> badLines)
    {
        var random = new Random(count);
        var text = new StringBuilder("x1,x2,color,y\n");
        var rows = new List<(float, float, string)?>();
        var colors = new[] { "red", "green", "blue" };
        for (var i = 0; i < count; i++)
        {
            if (badLines.TryGetValue(i + 2, out var bad))
            {
                text.Append(bad).Append('\n');
                rows.Add(null);
                continue;
            }

            var row = ((float)Math.Round((random.NextDouble() * 4) - 2, 3), (float)Math.Round((random.NextDouble() * 4) - 2, 3), colors[random.Next(3)]);
            text.Append(CultureInfo.InvariantCulture, $"{row.Item1},{row.Item2},{row.Item3},0\n");
            rows.Add(row);
        }

        return (text.ToString(), rows);
    }

    /// <summary>The output lines the model gives the rows when asked directly (label, then each class's probability).</summary>
    private async Task<List<string>> ExpectedAsync(IReadOnlyList<(float X1, float X2, string Color)?> rows)
    {
        var n = rows.Count;
        var inputs = new List<NamedValue>
        {
            new("x1", Tensor.Create(rows.Select(r => r!.Value.X1).ToArray(), n, 1)),
            new("x2", Tensor.Create(rows.Select(r => r!.Value.X2).ToArray(), n, 1)),
            new("color", Tensor.Create(rows.Select(r => r!.Value.Color).ToArray(), n, 1)),
        };
        var result = await _host.Services.GetRequiredService<InferenceService>().InferAsync(new InferenceRequest(Model, 1, inputs));
        var labels = ((Tensor)result.Outputs[0].Value).Data;
        var probabilities = (float[])((Tensor)result.Outputs[1].Value).Data;
        return [.. Enumerable.Range(0, n).Select(i => string.Create(
            CultureInfo.InvariantCulture,
            $"{labels.GetValue(i)},{probabilities[2 * i]},{probabilities[(2 * i) + 1]}"))];
    }
}
