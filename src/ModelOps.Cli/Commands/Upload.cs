using ModelOps.Cli.Api;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary>Sends a local file as a request body with a progress bar of the bytes sent.</summary>
public static class Upload
{
    public static async Task<System.Text.Json.JsonElement> SendAsync(CliContext cli, ApiClient api, HttpMethod method, string path, FileInfo file, string mediaType, CancellationToken cancellationToken = default)
    {
        if (!file.Exists)
        {
            throw new UsageException($"There is no file '{file.FullName}'.");
        }

        return await cli.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"upload {Markup.Escape(file.Name)}", maxValue: Math.Max(1, file.Length));
                using var content = new ProgressContent(file.OpenRead(), mediaType, sent => task.Value = sent);
                var answer = await api.SendAsync(method, path, content, cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return answer;
            }).ConfigureAwait(false);
    }
}
