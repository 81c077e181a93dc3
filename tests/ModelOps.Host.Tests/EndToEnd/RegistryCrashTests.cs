using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>A host killed (SIGKILL) in the middle of a burst of registrations, then started again on the same storage.</summary>
public sealed class RegistryCrashTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["ModelOps__Registry__PendingTimeout"] = "00:00:10",
        ["ModelOps__Registry__RecoveryInterval"] = "00:00:02",
    };

    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task HostKilledDuringRegistrations_NoPhantomVersionAndNumberingContinues()
    {
        await using var host = await HostProcess.StartAsync(_azurite, Settings);
        const string model = "burst";
        var onnx = Models.IrisForest;
        using var cts = new CancellationTokenSource();
        var registrations = Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                var content = new ByteArrayContent(onnx);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                await host.Admin.PostAsync(Url($"/api/models/{model}/versions"), content, cts.Token);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The host died under the request.
            }
        }).ToList();

        // Kill once some registrations have finished and others are still writing.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var found = await host.Admin.GetAsync(Url($"/api/models/{model}"));
            if (found.StatusCode == HttpStatusCode.OK && (await HttpAssert.OkJsonAsync(found)).GetProperty("latestVersion").GetInt32() >= 5)
            {
                break;
            }

            await Task.Delay(20);
        }

        await host.KillAsync();
        await cts.CancelAsync();
        await Task.WhenAll(registrations);
        await host.RestartAsync(_azurite, Settings);

        // Straight after the restart: listings and latestVersion name only versions that serve.
        await AssertEveryListedVersionServesAsync(host, model, onnx);

        // Past the pending timeout, recovery has finished or given back every dead number: the next number follows the
        // newest version directly.
        await Task.Delay(TimeSpan.FromSeconds(13));
        var listed = await AssertEveryListedVersionServesAsync(host, model, onnx);
        var content = new ByteArrayContent(onnx);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var next = await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/versions"), content), HttpStatusCode.Created);
        Assert.Equal(listed.Max() + 1, next.GetProperty("version").GetInt32());
    }

    private static async Task<List<int>> AssertEveryListedVersionServesAsync(HostProcess host, string model, byte[] onnx)
    {
        var versions = (await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/versions")))).GetProperty("versions")
            .EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToList();
        var latest = (await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}")))).GetProperty("latestVersion").GetInt32();
        Assert.NotEmpty(versions);
        Assert.Equal(versions.Max(), latest);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx));
        foreach (var version in versions)
        {
            var artifact = await host.Admin.GetAsync(Url($"/api/models/{model}/versions/{version}/artifact"));
            Assert.True(artifact.StatusCode == HttpStatusCode.OK, $"version {version} of {string.Join(",", versions)}: {await artifact.Content.ReadAsStringAsync()}");
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(await artifact.Content.ReadAsByteArrayAsync())));
        }

        return versions;
    }
}
