using System.Diagnostics;
using System.Text.Json;

namespace ModelOps.Cli.Tests;

/// <summary>The built <c>modelops</c> program as a script would run it: settings from the environment, JSON on stdout, the exit code.</summary>
[Collection(CliCollection.Name)]
public sealed class ProcessTests(CliHostFixture host)
{
    [Fact]
    public async Task ModelsList_AsAProcess_PrintsJsonAndExitsZero()
    {
        var (exit, output, error) = await RunAsync(CliHostFixture.AdminKey, "models", "list", "--json");

        Assert.True(exit == 0, error);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(output).RootElement.GetProperty("models").ValueKind);
    }

    [Fact]
    public async Task ModelsList_WithoutAKey_ExitsUnauthorizedWithTheServersBody()
    {
        var (exit, output, error) = await RunAsync(null, "models", "list");

        Assert.Equal(ExitCodes.Unauthorized, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("{\"error\":", error, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string? key, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "modelops.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MODELOPS_URL"] = host.BaseAddress.ToString();
        start.Environment.Remove("MODELOPS_KEY");
        start.Environment.Remove("MODELOPS_TOKEN");
        if (key is not null)
        {
            start.Environment["MODELOPS_KEY"] = key;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
