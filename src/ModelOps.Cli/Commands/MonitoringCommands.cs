using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelOps.Cli.Output;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary><c>monitoring run|show</c>: drift and quality checks of a model's captured traffic.</summary>
public static class MonitoringCommands
{
    public static Command Build(CliContext cli)
    {
        var monitoring = new Command("monitoring", "Drift and quality reports");
        var model = new Argument<string>("model") { Description = "Model name" };

        var run = new Command("run", "Check the model's recent traffic now") { model };
        cli.SetAction(run, async (parse, api, ct) =>
        {
            var report = await api.SendJsonAsync(HttpMethod.Post, $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/monitoring/run", null, ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, report))
            {
                Render(cli, report);
            }

            return ExitCodes.Success;
        });

        var id = new Argument<string?>("id") { Description = "Report id (omit to list reports)", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "List a model's reports, or show one with its per-column drift") { model, id };
        cli.SetAction(show, async (parse, api, ct) =>
        {
            var name = ModelsCommands.Path(parse.GetValue(model)!);
            if (parse.GetValue(id) is { } reportId)
            {
                var report = await api.GetAsync($"/api/models/{name}/monitoring/{ModelsCommands.Path(reportId)}", ct).ConfigureAwait(false);
                if (!cli.PrintedJson(parse, report))
                {
                    Render(cli, report);
                }

                return ExitCodes.Success;
            }

            var answer = await api.GetAsync($"/api/models/{name}/monitoring", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                var table = Cells.Table("Report", "Status", "Version", "Created", "Drifted columns", "Dataset drift");
                foreach (var report in Cells.Items(answer, "reports"))
                {
                    table.AddRow(Cells.Text(report, "id"), Cells.Text(report, "status"), Cells.Text(report, "version"), Cells.Text(report, "createdAt"),
                        Cells.Text(report, "driftedColumns"), Cells.Text(report, "datasetDrift"));
                }

                cli.Console.Write(table);
            }

            return ExitCodes.Success;
        });

        monitoring.Subcommands.Add(run);
        monitoring.Subcommands.Add(show);
        return monitoring;
    }

    private static void Render(CliContext cli, JsonElement report)
    {
        cli.Console.MarkupLine($"Report {Cells.Text(report, "id")}: {Cells.Text(report, "status")}, version {Cells.Text(report, "version")}, " +
            $"{Cells.Text(report, "currentRows")} rows against {Cells.Text(report, "referenceRows")}, dataset drift {Cells.Text(report, "datasetDrift")} {Cells.Text(report, "note")}");
        var table = Cells.Table("Column", "Method", "Statistic", "Threshold", "Drifted");
        foreach (var column in Cells.Items(report, "columns"))
        {
            table.AddRow(Cells.Text(column, "name"), Cells.Text(column, "method"), Cells.Text(column, "statistic"), Cells.Text(column, "threshold"), Cells.Text(column, "drifted"));
        }

        cli.Console.Write(table);
        var alerts = Cells.Items(report, "alerts").Select(Cells.Text).ToList();
        if (alerts.Count > 0)
        {
            cli.Console.MarkupLine("Alerts: " + string.Join("; ", alerts).ToString(CultureInfo.InvariantCulture));
        }
    }
}
