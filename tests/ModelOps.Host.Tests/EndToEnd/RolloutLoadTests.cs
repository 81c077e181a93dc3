using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// Issue 11's load test in small (bench/rollouts/run.sh is the full one): concurrent callers keep inferring while a
/// canary moves traffic 0 → 10 → 100 % and a second canary at 50 % is rolled back, and no request fails; every answer
/// names a version of the policy in effect, in shares that match the weights.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RolloutLoadTests(HostProcessFixture host)
{
    private const int Callers = 8;
    private const int PerPhase = 400;
    private const string IrisInfer = """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[[5.9,3.0,5.1,1.8]]}]}""";

    /// <summary>The versions' weights of each phase: v1 alone, a 10 % canary of v2, v2 promoted, a 50 % canary of v3, rolled back.</summary>
    private static readonly Dictionary<string, int>[] Phases =
    [
        new() { ["1"] = 100 },
        new() { ["1"] = 90, ["2"] = 10 },
        new() { ["2"] = 100 },
        new() { ["2"] = 50, ["3"] = 50 },
        new() { ["2"] = 100 },
    ];

    private int _phase;
    private int _completed;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CanaryPromotedAndRolledBack_UnderConcurrentLoad_FailsNoRequestAndKeepsShares()
    {
        var model = Models.UniqueName("load");
        for (var i = 0; i < 3; i++)
        {
            var content = new ByteArrayContent(Models.IrisForest);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            (await host.Admin.PostAsync(Url($"/api/models/{model}/versions"), content)).EnsureSuccessStatusCode();
        }

        await HttpAssert.OkJsonAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/aliases/champion"), Json("""{"version":1}""")));
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(() => CallAsync(model, stop.Token))).ToArray();
        try
        {
            var canary = string.Empty;
            await NextPhaseAfterAsync(async () => canary = await StartCanaryAsync(model, 2, 10));
            await NextPhaseAfterAsync(() => CommandAsync(canary, "promote", "Succeeded"));
            var second = string.Empty;
            await NextPhaseAfterAsync(async () => second = await StartCanaryAsync(model, 3, 50));
            await NextPhaseAfterAsync(() => CommandAsync(second, "rollback", "RolledBack"));
            await WaitForRequestsAsync(PerPhase);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var answers = (await Task.WhenAll(callers)).SelectMany(a => a).ToList();
        Assert.True(answers.Count >= Phases.Length * PerPhase, $"{answers.Count} requests");
        Assert.All(answers, a => Assert.True(a.Status == 200, $"a request failed with {a.Status}: {a.Error}"));

        // Requests that started and ended within one phase (after its change was seen, before the next was made).
        for (var phase = 0; phase < Phases.Length; phase++)
        {
            var weights = Phases[phase];
            var within = answers.Where(a => a.StartPhase == 2 * phase && a.EndPhase == 2 * phase).ToList();
            Assert.True(within.Count >= PerPhase / 2, $"phase {phase}: {within.Count} requests");
            Assert.All(within, a => Assert.Contains(a.Version, weights.Keys));
            foreach (var (version, weight) in weights)
            {
                var share = within.Count(a => a.Version == version) / (double)within.Count;
                var expected = weight / 100.0;
                var allowed = 4 * Math.Sqrt(expected * (1 - expected) / within.Count);
                Assert.True(Math.Abs(share - expected) <= allowed, $"phase {phase}: v{version} answered {share:P1} of {within.Count} requests, weight {weight} %");
            }
        }
    }

    /// <summary>Lets <see cref="PerPhase"/> requests complete in the current phase, makes the next change, then starts the next phase.</summary>
    private async Task NextPhaseAfterAsync(Func<Task> change)
    {
        await WaitForRequestsAsync(PerPhase);
        Interlocked.Increment(ref _phase);
        await change();
        Interlocked.Increment(ref _phase);
        Interlocked.Exchange(ref _completed, 0);
    }

    private async Task WaitForRequestsAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _completed) < count)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"{_completed} of {count} requests in 30 s");
            await Task.Delay(10);
        }
    }

    /// <summary>Starts a canary that bakes for an hour (so only commands move it on) and waits until its share serves.</summary>
    private async Task<string> StartCanaryAsync(string model, int version, int percent)
    {
        var request = $$"""{"version":{{version}},"strategy":"canary","percent":{{percent}},"bakeTime":"01:00:00"}""";
        var created = await host.Admin.PostAsync(Url($"/api/models/{model}/rollouts"), Json(request));
        await HttpAssert.OkJsonAsync(created, System.Net.HttpStatusCode.Created);
        var rollout = created.Headers.Location!.ToString();
        await WaitForAsync(rollout, s => s.GetProperty("currentPercent").GetInt32() == percent);
        return rollout;
    }

    private async Task CommandAsync(string rollout, string action, string status)
    {
        (await host.Admin.PostAsync(Url($"{rollout}/{action}"), null)).EnsureSuccessStatusCode();
        await WaitForAsync(rollout, s => s.GetProperty("status").GetString() == status);
    }

    private async Task WaitForAsync(string rollout, Func<JsonElement, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var state = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url(rollout)));
            if (condition(state))
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), state.GetRawText());
            await Task.Delay(50);
        }
    }

    /// <summary>One caller: infers until stopped, recording each answer with the phase it started and ended in.</summary>
    private async Task<List<Answer>> CallAsync(string model, CancellationToken stop)
    {
        var answers = new List<Answer>();
        while (!stop.IsCancellationRequested)
        {
            var startPhase = Volatile.Read(ref _phase);
            var answer = new Answer(startPhase, 0, 0, null, null);
            try
            {
                using var content = Json(IrisInfer);
                using var response = await host.Api.PostAsync(Url($"/v2/models/{model}/infer"), content, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                answer = answer with
                {
                    Status = (int)response.StatusCode,
                    Version = response.Headers.TryGetValues("model-version", out var values) ? values.Single() : null,
                    Error = response.IsSuccessStatusCode ? null : body,
                };
            }
            catch (HttpRequestException exception)
            {
                answer = answer with { Error = exception.Message };
            }

            answers.Add(answer with { EndPhase = Volatile.Read(ref _phase) });
            Interlocked.Increment(ref _completed);
        }

        return answers;
    }

    /// <summary>Phases are numbered twice over: even while a policy holds, odd while it changes (those requests are not judged).</summary>
    private sealed record Answer(int StartPhase, int EndPhase, int Status, string? Version, string? Error);
}
