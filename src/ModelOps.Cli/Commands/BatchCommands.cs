using System.CommandLine;
using System.Text.Json.Nodes;
using ModelOps.Cli.Output;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary><c>batch start|watch</c>: scoring a folder of CSV or JSON-lines files as a durable job.</summary>
public static class BatchCommands
{
    public static Command Build(CliContext cli)
    {
        var batch = new Command("batch", "Batch transform: score a folder of files");
        var model = new Argument<string>("model") { Description = "Model name" };
        var input = new Option<string>("--input") { Description = "The input folder, e.g. batch-input/day1/", Required = true };
        var output = new Option<string>("--output") { Description = "The output folder, e.g. batch-output/day1/", Required = true };
        var format = new Option<string>("--format") { Description = "csv or jsonl", DefaultValueFactory = _ => "csv" };
        var version = new Option<int?>("--version") { Description = "The version to score with (default: the champion when the job starts)" };
        var includeInput = new Option<bool>("--include-input") { Description = "Repeat the input columns before the predictions" };
        var watch = new Option<bool>("--watch") { Description = "Follow the job until it ends (exit 7 unless it completes)" };
        var start = new Command("start", "Start a batch job") { model, input, output, format, version, includeInput, watch };
        cli.SetAction(start, async (parse, api, ct) =>
        {
            var body = new JsonObject
            {
                ["input"] = parse.GetValue(input),
                ["output"] = parse.GetValue(output),
                ["format"] = parse.GetValue(format),
                ["includeInput"] = parse.GetValue(includeInput),
            };
            if (parse.GetValue(version) is { } pinned)
            {
                body["version"] = pinned;
            }

            var job = await api.SendJsonAsync(HttpMethod.Post, $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/batch", body.ToJsonString(), ct).ConfigureAwait(false);
            var id = job.GetProperty("id").GetString()!;
            if (parse.GetValue(watch))
            {
                return await RunsCommands.WatchAsync(cli, parse, api, id, ct).ConfigureAwait(false);
            }

            if (!cli.PrintedJson(parse, job))
            {
                cli.Console.MarkupLine($"Batch job {Cells.Text(job, "id")} started; follow it with: modelops batch watch {Cells.Text(job, "id")}");
            }

            return ExitCodes.Success;
        });

        var jobId = new Argument<string>("id") { Description = "Batch job (run) id" };
        var follow = new Command("watch", "Follow a batch job's shards until it ends (exit 7 unless it completes)") { jobId };
        cli.SetAction(follow, (parse, api, ct) => RunsCommands.WatchAsync(cli, parse, api, parse.GetValue(jobId)!, ct));

        batch.Subcommands.Add(start);
        batch.Subcommands.Add(follow);
        return batch;
    }
}
