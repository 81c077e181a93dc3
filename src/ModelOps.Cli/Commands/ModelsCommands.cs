using System.CommandLine;
using System.Globalization;
using ModelOps.Cli.Output;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary><c>models list|show|register|approve|delete</c> and <c>aliases set|delete</c>.</summary>
public static class ModelsCommands
{
    public static Command Models(CliContext cli)
    {
        var models = new Command("models", "Registered models and their versions");

        var list = new Command("list", "List models");
        cli.SetAction(list, async (parse, api, ct) =>
        {
            var answer = await api.GetAsync("/api/models", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                var table = Cells.Table("Model", "Latest", "Aliases", "Approval required", "Updated");
                foreach (var model in Cells.Items(answer, "models"))
                {
                    table.AddRow(Cells.Text(model, "name"), Cells.Text(model, "latestVersion"), Cells.Text(model, "aliases"), Cells.Text(model, "requireApproval"), Cells.Text(model, "updatedAt"));
                }

                cli.Console.Write(table);
            }

            return ExitCodes.Success;
        });

        var model = new Argument<string>("model") { Description = "Model name" };
        var show = new Command("show", "Show a model with its versions") { model };
        cli.SetAction(show, async (parse, api, ct) =>
        {
            var name = Path(parse.GetValue(model)!);
            var found = await api.GetAsync($"/api/models/{name}", ct).ConfigureAwait(false);
            var versions = await api.GetAsync($"/api/models/{name}/versions", ct).ConfigureAwait(false);
            if (parse.GetValue(CliContext.JsonOption))
            {
                cli.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { model = found, versions = versions.GetProperty("versions") }));
                return ExitCodes.Success;
            }

            cli.Console.MarkupLine($"[bold]{Cells.Text(found, "name")}[/]  latest {Cells.Text(found, "latestVersion")}  aliases {Cells.Text(found, "aliases")}");
            var table = Cells.Table("Version", "Approval", "Metrics", "Source", "Registered by", "SHA-256", "Size", "Created");
            foreach (var version in Cells.Items(versions, "versions"))
            {
                var sha = Cells.Text(version, "sha256");
                table.AddRow(Cells.Text(version, "version"), Cells.Text(version, "approvalStatus"), Cells.Text(version, "metrics"), Cells.Text(version, "source"),
                    Cells.Text(version, "registeredBy"), sha.Length > 12 ? sha[..12] : sha, Cells.Text(version, "size"), Cells.Text(version, "createdAt"));
            }

            cli.Console.Write(table);
            return ExitCodes.Success;
        });

        var file = new Argument<FileInfo>("file") { Description = "The ONNX file" };
        var description = new Option<string?>("--description") { Description = "What this version is" };
        var tags = new Option<string?>("--tags") { Description = "k=v,k=v" };
        var metrics = new Option<string?>("--metrics") { Description = "k=number,k=number" };
        var source = new Option<string?>("--source") { Description = "Where it came from (a run, a commit)" };
        var register = new Command("register", "Register an ONNX file as the model's next version") { model, file, description, tags, metrics, source };
        cli.SetAction(register, async (parse, api, ct) =>
        {
            var onnx = parse.GetValue(file)!;
            var query = string.Join('&', new[] { ("description", parse.GetValue(description)), ("tags", parse.GetValue(tags)), ("metrics", parse.GetValue(metrics)), ("source", parse.GetValue(source)) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            var answer = await Upload.SendAsync(cli, api, HttpMethod.Post, $"/api/models/{Path(parse.GetValue(model)!)}/versions{(query.Length > 0 ? "?" + query : string.Empty)}", onnx, "application/octet-stream", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                cli.Console.MarkupLine($"Registered [bold]{Cells.Text(answer, "name")}[/] version {Cells.Text(answer, "version")} ({Cells.Text(answer, "approvalStatus")})");
            }

            return ExitCodes.Success;
        });

        var versionNumber = new Argument<int>("version") { Description = "Version number" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with the decision)" };
        var approve = new Command("approve", "Approve a version (Deploy permission; four-eyes where the model asks for it)") { model, versionNumber, reason };
        cli.SetAction(approve, async (parse, api, ct) =>
        {
            var body = System.Text.Json.JsonSerializer.Serialize(parse.GetValue(reason) is { } why
                ? new Dictionary<string, string> { ["approvalStatus"] = "Approved", ["approvalReason"] = why }
                : new Dictionary<string, string> { ["approvalStatus"] = "Approved" });
            var answer = await api.SendJsonAsync(HttpMethod.Patch, $"/api/models/{Path(parse.GetValue(model)!)}/versions/{parse.GetValue(versionNumber)}", body, ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                cli.Console.MarkupLine($"{Cells.Text(answer, "name")} version {Cells.Text(answer, "version")} is {Cells.Text(answer, "approvalStatus")}");
            }

            return ExitCodes.Success;
        });

        var onlyVersion = new Option<int?>("--version") { Description = "Delete only this version" };
        var delete = new Command("delete", "Delete a model, or one version with --version") { model, onlyVersion };
        cli.SetAction(delete, async (parse, api, ct) =>
        {
            var name = Path(parse.GetValue(model)!);
            var path = parse.GetValue(onlyVersion) is { } number ? $"/api/models/{name}/versions/{number.ToString(CultureInfo.InvariantCulture)}" : $"/api/models/{name}";
            var answer = await api.DeleteAsync(path, ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                cli.Console.MarkupLine($"Deleted {Markup.Escape(path)}");
            }

            return ExitCodes.Success;
        });

        models.Subcommands.Add(list);
        models.Subcommands.Add(show);
        models.Subcommands.Add(register);
        models.Subcommands.Add(approve);
        models.Subcommands.Add(delete);
        return models;
    }

    public static Command Aliases(CliContext cli)
    {
        var aliases = new Command("aliases", "Names that point at a version (champion is the one inference uses)");
        var model = new Argument<string>("model") { Description = "Model name" };
        var alias = new Argument<string>("alias") { Description = "Alias, e.g. champion" };
        var version = new Argument<int>("version") { Description = "Version number" };

        var set = new Command("set", "Point an alias at a version") { model, alias, version };
        cli.SetAction(set, async (parse, api, ct) =>
        {
            var answer = await api.SendJsonAsync(HttpMethod.Put, $"/api/models/{Path(parse.GetValue(model)!)}/aliases/{Path(parse.GetValue(alias)!)}",
                $"{{\"version\":{parse.GetValue(version).ToString(CultureInfo.InvariantCulture)}}}", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                cli.Console.MarkupLine($"{Cells.Text(answer, "model")}@{Cells.Text(answer, "alias")} → version {Cells.Text(answer, "version")}");
            }

            return ExitCodes.Success;
        });

        var delete = new Command("delete", "Remove an alias") { model, alias };
        cli.SetAction(delete, async (parse, api, ct) =>
        {
            var answer = await api.DeleteAsync($"/api/models/{Path(parse.GetValue(model)!)}/aliases/{Path(parse.GetValue(alias)!)}", ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                cli.Console.MarkupLine($"Removed {Markup.Escape(parse.GetValue(alias)!)}");
            }

            return ExitCodes.Success;
        });

        aliases.Subcommands.Add(set);
        aliases.Subcommands.Add(delete);
        return aliases;
    }

    public static string Path(string segment) => Uri.EscapeDataString(segment);
}
