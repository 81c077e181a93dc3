using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelOps.Cli.Output;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary><c>rollouts start|show|approve|promote|rollback|abort</c>: moving traffic to a new version step by step.</summary>
public static class RolloutsCommands
{
    public static Command Build(CliContext cli)
    {
        var rollouts = new Command("rollouts", "Safe rollouts of a new version");
        var model = new Argument<string>("model") { Description = "Model name" };

        var version = new Option<int>("--version") { Description = "The version to roll out", Required = true };
        var strategy = new Option<string>("--strategy") { Description = "canary, linear, blueGreen or direct", DefaultValueFactory = _ => "canary" };
        var percent = new Option<int?>("--percent") { Description = "The candidate's first share (canary, linear)" };
        var stepPercent = new Option<int?>("--step-percent") { Description = "The share added per step (linear)" };
        var bakeTime = new Option<string?>("--bake-time") { Description = "How long each step bakes (hh:mm:ss)" };
        var interval = new Option<string?>("--evaluation-interval") { Description = "How often guardrails are checked (hh:mm:ss)" };
        var start = new Command("start", "Start rolling a version out") { model, version, strategy, percent, stepPercent, bakeTime, interval };
        cli.SetAction(start, async (parse, api, ct) =>
        {
            var body = new JsonObject { ["version"] = parse.GetValue(version), ["strategy"] = parse.GetValue(strategy) };
            Add(body, "percent", parse.GetValue(percent));
            Add(body, "stepPercent", parse.GetValue(stepPercent));
            Add(body, "bakeTime", parse.GetValue(bakeTime));
            Add(body, "evaluationInterval", parse.GetValue(interval));
            var rollout = await api.SendJsonAsync(HttpMethod.Post, $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/rollouts", body.ToJsonString(), ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, rollout))
            {
                Render(cli, rollout);
            }

            return ExitCodes.Success;
        });

        var id = new Argument<string?>("id") { Description = "Rollout id (omit to list the model's rollouts)", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "List a model's rollouts, or show one with its steps and guardrail readings") { model, id };
        cli.SetAction(show, async (parse, api, ct) =>
        {
            var name = ModelsCommands.Path(parse.GetValue(model)!);
            if (parse.GetValue(id) is { } rolloutId)
            {
                var rollout = await api.GetAsync($"/api/models/{name}/rollouts/{ModelsCommands.Path(rolloutId)}", ct).ConfigureAwait(false);
                if (!cli.PrintedJson(parse, rollout))
                {
                    Render(cli, rollout);
                }

                return ExitCodes.Success;
            }

            var answer = await api.GetAsync($"/api/models/{name}/rollouts", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                var table = Cells.Table("Rollout", "Version", "Strategy", "Status", "Share %", "Created", "Reason");
                foreach (var rollout in Cells.Items(answer, "rollouts"))
                {
                    table.AddRow(Cells.Text(rollout, "id"), Cells.Text(rollout, "version"), Cells.Text(rollout, "strategy"), Cells.Text(rollout, "status"),
                        Cells.Text(rollout, "currentPercent"), Cells.Text(rollout, "createdAt"), Cells.Text(rollout, "reason"));
                }

                cli.Console.Write(table);
            }

            return ExitCodes.Success;
        });

        rollouts.Subcommands.Add(start);
        rollouts.Subcommands.Add(show);
        foreach (var (action, description) in new[]
        {
            ("approve", "Approve the version a rollout waits for"),
            ("promote", "Send all traffic to the candidate now"),
            ("rollback", "Send all traffic back to the baseline"),
            ("abort", "Stop the rollout where it is"),
        })
        {
            var rolloutId = new Argument<string>("id") { Description = "Rollout id" };
            var command = new Command(action, description) { model, rolloutId };
            cli.SetAction(command, async (parse, api, ct) =>
            {
                var answer = await api.SendJsonAsync(
                    HttpMethod.Post,
                    $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/rollouts/{ModelsCommands.Path(parse.GetValue(rolloutId)!)}/{action}",
                    null,
                    ct).ConfigureAwait(false);
                if (!cli.PrintedJson(parse, answer))
                {
                    cli.Console.MarkupLine($"Rollout {Cells.Text(answer, "id")}: {Markup.Escape(action)} accepted.");
                }

                return ExitCodes.Success;
            });
            rollouts.Subcommands.Add(command);
        }

        return rollouts;
    }

    private static void Add<T>(JsonObject body, string name, T? value)
    {
        if (value is not null)
        {
            body[name] = JsonValue.Create(value);
        }
    }

    private static void Render(CliContext cli, JsonElement rollout)
    {
        cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Rollout {Cells.Text(rollout, "id")} of version {Cells.Text(rollout, "version")} ({Cells.Text(rollout, "strategy")}): [bold]{Cells.Text(rollout, "status")}[/] at {Cells.Text(rollout, "currentPercent")} % {Cells.Text(rollout, "reason")}"));
        var table = Cells.Table("Step", "Share %", "Mirror", "Started", "Ended");
        var n = 0;
        foreach (var step in Cells.Items(rollout, "steps"))
        {
            table.AddRow((++n).ToString(CultureInfo.InvariantCulture), Cells.Text(step, "percent"), Cells.Text(step, "mirror"), Cells.Text(step, "startedAt"), Cells.Text(step, "endedAt"));
        }

        cli.Console.Write(table);
    }
}
