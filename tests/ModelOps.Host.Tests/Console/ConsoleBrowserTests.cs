using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using ModelOps.Host.Tests.EndToEnd;

namespace ModelOps.Host.Tests.Console;

/// <summary>
/// The web console in headless Chromium (Debian's, through Playwright's ExecutablePath) against the real host with real
/// data: a trained model with a run and a drift report, and a registered version waiting for approval. Screenshots of
/// each page go to the test output's console-screenshots folder.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ConsoleBrowserTests(HostProcessFixture host)
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    [Fact]
    public async Task Console_ModelsRunsAndDrift_RenderFromTheApiAndApproveChangesTheRegistry()
    {
        var trained = await TrainedModelWithReportAsync();
        var pending = Models.UniqueName("console-pending");
        using (var onnx = new ByteArrayContent(Models.IrisForest))
        {
            onnx.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            var registered = await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url($"/api/models/{pending}/versions"), onnx), HttpStatusCode.Created);
            Assert.Equal("PendingManualApproval", registered.GetProperty("approvalStatus").GetString());
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.AddInitScriptAsync($"sessionStorage.setItem('modelops-key', '{HostProcess.AdminKey}')");
        Directory.CreateDirectory(Screenshots);

        // Models: every model the API lists, as a row.
        await OpenAsync(page, "#/models");
        Assert.Equal(1, await page.Locator($"#models tr[data-model='{trained}']").CountAsync());
        Assert.Equal(1, await page.Locator($"#models tr[data-model='{pending}']").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "models.png"), FullPage = true });

        // A model: versions with lineage and metrics, its run as a Gantt chart with one bar per step.
        await OpenAsync(page, $"#/models/{trained}");
        Assert.Contains("auc=", await page.Locator("#versions tr[data-version='1']").InnerTextAsync(), StringComparison.Ordinal);
        var bars = await page.Locator("svg.gantt rect").CountAsync();
        Assert.True(bars >= 3, $"{bars} step bars");
        Assert.Equal(1, await page.Locator("#reports tbody tr").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "model.png"), FullPage = true });

        // A report: one drift bar per column, the shifted column drawn as drifted.
        await page.Locator("#reports a").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.rendered && document.body.dataset.rendered.includes('/monitoring/')");
        Assert.True(await page.Locator("#drift rect").CountAsync() >= 3);
        Assert.True(await page.Locator("#drift rect[fill='#d93025']").CountAsync() >= 1, "no column drawn as drifted");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "report.png"), FullPage = true });

        // Approve: the one write the console offers, under the caller's own key; the registry changes.
        await OpenAsync(page, $"#/models/{pending}");
        await page.Locator("button[data-approve='1']").ClickAsync();
        await page.Locator("#versions tr[data-version='1'] .badge.Approved").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var version = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{pending}/versions/1")));
        Assert.Equal("Approved", version.GetProperty("approvalStatus").GetString());
        Assert.Equal("approved in the console", version.GetProperty("approvalReason").GetString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "approved.png"), FullPage = true });
    }

    [Fact]
    public async Task Console_TrafficPolicy_ShowsTheSharesAndTheServingHistory()
    {
        var model = Models.UniqueName("console-traffic");
        for (var i = 0; i < 2; i++)
        {
            using var onnx = new ByteArrayContent(Models.IrisForest);
            onnx.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/versions?approvalStatus=Approved"), onnx), HttpStatusCode.Created);
        }

        using (var policy = new StringContent("""{"weights":{"1":70,"2":30}}""", Encoding.UTF8, "application/json"))
        {
            await HttpAssert.OkJsonAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/traffic?reason=console%20test"), policy));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium(), Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.AddInitScriptAsync($"sessionStorage.setItem('modelops-key', '{HostProcess.AdminKey}')");

        await OpenAsync(page, $"#/models/{model}");

        Assert.Contains("30 %", await page.Locator("#weights tr[data-version='2']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("70 %", await page.Locator("#weights tr[data-version='1']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("console test", await page.Locator("#history tbody").InnerTextAsync(), StringComparison.Ordinal);
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "traffic.png"), FullPage = true });
    }

    [Fact]
    public async Task Console_WithoutAKey_ShowsTheServersErrorAndNoData()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium(), Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "/console/#/models").ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.rendered === 'error'");

        Assert.StartsWith("401", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#models").CountAsync());
    }

    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("MODELOPS_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(path), $"No Chromium at {path}: ./test.sh installs Debian's chromium (scripts/lib.sh ensure_chromium), or set MODELOPS_CHROMIUM.");
        return path;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private async Task OpenAsync(IPage page, string hash)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(host.BaseAddress, "/console/" + hash).ToString());
        await page.WaitForFunctionAsync($"() => document.body.dataset.rendered === {JsonSerializer.Serialize(hash)}");
        Assert.Equal(string.Empty, await page.Locator("#status").InnerTextAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
    }

    /// <summary>A model trained by a real run, with traffic captured and one monitoring report whose x1 drifted.</summary>
    private async Task<string> TrainedModelWithReportAsync()
    {
        var model = Models.UniqueName("console");
        await HttpAssert.OkJsonAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration())));
        var upload = await HttpAssert.OkJsonAsync(
            await host.Admin.PutAsync(Url($"/api/models/{model}/training-data/first.csv"), new StringContent(RetrainingData.Binary(800), Encoding.UTF8, "text/csv")),
            HttpStatusCode.Created);
        var run = await RetrainingRuns.WaitEndedAsync(host.Admin, upload.GetProperty("run").GetString()!, TimeSpan.FromSeconds(120));
        Assert.True(run.GetProperty("runtimeStatus").GetString() == "Completed", run.GetRawText());

        var from = DateTimeOffset.UtcNow;
        var random = new Random(5);
        for (var request = 0; request < 4; request++)
        {
            var rows = new StringBuilder("{\"rows\":[");
            for (var i = 0; i < 50; i++)
            {
                rows.Append(CultureInfo.InvariantCulture, $$"""{{(i > 0 ? "," : string.Empty)}}{"x1":{{Math.Round((random.NextDouble() * 4) + 2, 4)}},"x2":{{Math.Round((random.NextDouble() * 4) - 2, 4)}},"color":"blue"}""");
            }

            await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json(rows.Append("]}").ToString())));
        }

        var body = $$"""{"from":"{{from.UtcDateTime:O}}","to":"{{DateTimeOffset.UtcNow.AddSeconds(1).UtcDateTime:O}}"}""";
        var report = await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/monitoring/run"), Json(body)));
        Assert.True(report.GetProperty("datasetDrift").GetBoolean(), report.GetRawText());
        return model;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
