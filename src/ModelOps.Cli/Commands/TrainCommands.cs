using System.CommandLine;
using ModelOps.Cli.Output;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary><c>train config set|show</c> and <c>data upload</c> (which starts a run when a configuration exists).</summary>
public static class TrainCommands
{
    public static Command Train(CliContext cli)
    {
        var model = new Argument<string>("model") { Description = "Model name" };
        var config = new Command("config", "A model's training configuration");

        var show = new Command("show", "Show the training configuration") { model };
        cli.SetAction(show, async (parse, api, ct) =>
        {
            var answer = await api.GetAsync($"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/training", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                var table = Cells.Table("Setting", "Value");
                foreach (var property in answer.EnumerateObject())
                {
                    table.AddRow(property.Name, Cells.Text(property.Value));
                }

                cli.Console.Write(table);
            }

            return ExitCodes.Success;
        });

        var file = new Argument<FileInfo>("file") { Description = "The configuration as JSON" };
        var set = new Command("set", "Set the training configuration from a JSON file") { model, file };
        cli.SetAction(set, async (parse, api, ct) =>
        {
            var json = parse.GetValue(file)!;
            if (!json.Exists)
            {
                throw new UsageException($"There is no file '{json.FullName}'.");
            }

            var answer = await api.SendJsonAsync(HttpMethod.Put, $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/training",
                await File.ReadAllTextAsync(json.FullName, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                cli.Console.MarkupLine($"Training configuration of {Markup.Escape(parse.GetValue(model)!)} set: trainer {Cells.Text(answer, "trainer")}, label {Cells.Text(answer, "label")}");
            }

            return ExitCodes.Success;
        });

        config.Subcommands.Add(show);
        config.Subcommands.Add(set);
        var train = new Command("train", "Training settings");
        train.Subcommands.Add(config);
        return train;
    }

    public static Command Data(CliContext cli)
    {
        var model = new Argument<string>("model") { Description = "Model name" };
        var file = new Argument<FileInfo>("file") { Description = "Training data (CSV)" };
        var name = new Option<string?>("--name") { Description = "Name to store it under (default: the file's name)" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once uploaded; do not follow the run" };
        var upload = new Command("upload", "Upload training data; with a configuration, follow the run it starts") { model, file, name, noWait };
        cli.SetAction(upload, async (parse, api, ct) =>
        {
            var csv = parse.GetValue(file)!;
            var stored = parse.GetValue(name) ?? csv.Name;
            var answer = await Upload.SendAsync(cli, api, HttpMethod.Put, $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/training-data/{ModelsCommands.Path(stored)}", csv, "text/csv", ct).ConfigureAwait(false);
            var run = answer.TryGetProperty("run", out var link) && link.ValueKind == System.Text.Json.JsonValueKind.String ? link.GetString() : null;
            if (run is null || parse.GetValue(noWait))
            {
                if (!cli.PrintedJson(parse, answer))
                {
                    cli.Console.MarkupLine(run is null ? "Uploaded; no run started (the model has no training configuration)." : $"Uploaded; run {Cells.Text(answer, "run")}");
                }

                return ExitCodes.Success;
            }

            return await RunsCommands.WatchAsync(cli, parse, api, run[(run.LastIndexOf('/') + 1)..], ct).ConfigureAwait(false);
        });

        var data = new Command("data", "Training data");
        data.Subcommands.Add(upload);
        return data;
    }
}
