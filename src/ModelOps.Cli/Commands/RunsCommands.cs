using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelOps.Cli.Api;
using ModelOps.Cli.Output;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary><c>runs list|show|watch</c>: retraining runs with their steps.</summary>
public static class RunsCommands
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Build(CliContext cli)
    {
        var runs = new Command("runs", "Retraining runs");
        var model = new Argument<string>("model") { Description = "Model name" };
        var pageSize = new Option<int?>("--page-size") { Description = "Runs per page" };
        var list = new Command("list", "List a model's runs, newest first") { model, pageSize };
        cli.SetAction(list, async (parse, api, ct) =>
        {
            var size = parse.GetValue(pageSize) is { } n ? $"?pageSize={n.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            var answer = await api.GetAsync($"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/runs{size}", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                var table = Cells.Table("Run", "Status", "Trigger", "Created", "Steps", "Error");
                foreach (var run in Cells.Items(answer, "runs"))
                {
                    table.AddRow(Cells.Text(run, "id"), Cells.Text(run, "runtimeStatus"), Cells.Text(run, "trigger"), Cells.Text(run, "createdTime"),
                        Cells.Items(run, "steps").Count().ToString(CultureInfo.InvariantCulture), Cells.Text(run, "error"));
                }

                cli.Console.Write(table);
            }

            return ExitCodes.Success;
        });

        var id = new Argument<string>("id") { Description = "Run id" };
        var show = new Command("show", "Show a run with its steps") { id };
        cli.SetAction(show, async (parse, api, ct) =>
        {
            var run = await api.GetAsync($"/api/runs/{ModelsCommands.Path(parse.GetValue(id)!)}", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, run))
            {
                cli.Console.MarkupLine($"Run {Cells.Text(run, "id")} of {Cells.Text(run, "model")}: [bold]{Cells.Text(run, "runtimeStatus")}[/] {Cells.Text(run, "error")}");
                cli.Console.Write(Steps(run));
            }

            return ExitCodes.Success;
        });

        var watch = new Command("watch", "Follow a run's steps until it ends (exit 7 unless it completes)") { id };
        cli.SetAction(watch, (parse, api, ct) => WatchAsync(cli, parse, api, parse.GetValue(id)!, ct));

        runs.Subcommands.Add(list);
        runs.Subcommands.Add(show);
        runs.Subcommands.Add(watch);
        return runs;
    }

    /// <summary>Polls the run until it ends, showing its steps as they finish; the exit code says how it ended.</summary>
    public static async Task<int> WatchAsync(CliContext cli, ParseResult parse, ApiClient api, string id, CancellationToken cancellationToken = default)
    {
        var path = $"/api/runs/{ModelsCommands.Path(id)}";
        var json = parse.GetValue(CliContext.JsonOption);
        JsonElement run;
        if (cli.Console.Profile.Capabilities.Interactive && !json)
        {
            var table = Cells.Table("Step", "Status", "Attempts", "Duration");
            run = default;
            await cli.Console.Live(table).StartAsync(async live =>
            {
                while (true)
                {
                    run = await api.GetAsync(path, cancellationToken).ConfigureAwait(false);
                    table.Title = new TableTitle($"run {Markup.Escape(id)}: {Cells.Text(run, "runtimeStatus")}");
                    table.Rows.Clear();
                    foreach (var step in Cells.Items(run, "steps"))
                    {
                        table.AddRow(Cells.Text(step, "name"), Cells.Text(step, "status"), Cells.Text(step, "attempts"), Duration(step));
                    }

                    live.Refresh();
                    if (Ended(run))
                    {
                        return;
                    }

                    await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        else
        {
            var printed = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                run = await api.GetAsync(path, cancellationToken).ConfigureAwait(false);
                foreach (var step in Cells.Items(run, "steps").Where(s => Cells.Text(s, "end") != "-"))
                {
                    var key = $"{Cells.Text(step, "name")}#{Cells.Text(step, "start")}";
                    if (!json && printed.Add(key))
                    {
                        cli.Console.MarkupLine($"{Cells.Text(step, "name")} {Cells.Text(step, "status")} {Duration(step)}");
                    }
                }

                if (Ended(run))
                {
                    break;
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!cli.PrintedJson(parse, run))
        {
            cli.Console.MarkupLine($"Run {Markup.Escape(id)}: [bold]{Cells.Text(run, "runtimeStatus")}[/] {Cells.Text(run, "error")}");
        }

        return Cells.Text(run, "runtimeStatus") == "Completed" ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    private static bool Ended(JsonElement run) => Cells.Text(run, "runtimeStatus") is "Completed" or "Failed" or "Terminated";

    private static string Duration(JsonElement step) =>
        step.TryGetProperty("durationMs", out var ms) && ms.ValueKind == JsonValueKind.Number
            ? TimeSpan.FromMilliseconds(ms.GetDouble()).TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture)
            : "-";

    private static Table Steps(JsonElement run)
    {
        var table = Cells.Table("Step", "Status", "Attempts", "Start", "Duration");
        foreach (var step in Cells.Items(run, "steps"))
        {
            table.AddRow(Cells.Text(step, "name"), Cells.Text(step, "status"), Cells.Text(step, "attempts"), Cells.Text(step, "start"), Duration(step));
        }

        return table;
    }
}
