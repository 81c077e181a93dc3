using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.VisualBasic.FileIO;
using ModelOps.Cli.Output;
using Spectre.Console;

namespace ModelOps.Cli.Commands;

/// <summary>
/// <c>predict &lt;model&gt; --rows file.csv|file.json</c>: a CSV's header names the columns (numbers sent as numbers); a
/// JSON file is an array of rows or a body with rows or instances, sent as it is.
/// </summary>
public static class PredictCommand
{
    public static Command Build(CliContext cli)
    {
        var model = new Argument<string>("model") { Description = "Model name" };
        var rows = new Option<FileInfo>("--rows") { Description = "CSV with a header, or JSON (an array of rows, or {\"rows\"|\"instances\": [...]})", Required = true };
        var version = new Option<int?>("--version") { Description = "Use this version rather than the traffic policy's pick" };
        var predict = new Command("predict", "Predict rows with a model") { model, rows, version };
        cli.SetAction(predict, async (parse, api, ct) =>
        {
            var body = Body(parse.GetValue(rows)!);
            var path = parse.GetValue(version) is { } v
                ? $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/versions/{v.ToString(CultureInfo.InvariantCulture)}/predict"
                : $"/api/models/{ModelsCommands.Path(parse.GetValue(model)!)}/predict";
            var answer = await api.SendJsonAsync(HttpMethod.Post, path, body, ct).ConfigureAwait(false);
            if (!cli.PrintedJson(parse, answer))
            {
                cli.Console.MarkupLine($"{Cells.Text(answer, "model")} version {Cells.Text(answer, "version")}");
                var table = Cells.Table("Row", "Prediction");
                var index = 0;
                foreach (var prediction in Cells.Items(answer, "predictions"))
                {
                    table.AddRow((index++).ToString(CultureInfo.InvariantCulture), Cells.Text(prediction));
                }

                cli.Console.Write(table);
            }

            return ExitCodes.Success;
        });
        return predict;
    }

    /// <summary>The request body for a rows file.</summary>
    public static string Body(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UsageException($"There is no file '{file.FullName}'.");
        }

        if (file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(File.ReadAllText(file.FullName));
            }
            catch (JsonException exception)
            {
                throw new UsageException($"'{file.Name}' is not JSON: {exception.Message}");
            }

            return node switch
            {
                JsonArray array => new JsonObject { ["rows"] = array }.ToJsonString(),
                JsonObject body when body.ContainsKey("rows") || body.ContainsKey("instances") => body.ToJsonString(),
                _ => throw new UsageException($"'{file.Name}' must be an array of rows or an object with \"rows\" or \"instances\"."),
            };
        }

        using var parser = new TextFieldParser(file.FullName) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? throw new UsageException($"'{file.Name}' is empty; its first line must name the columns.");
        var rows = new JsonArray();
        while (parser.ReadFields() is { } fields)
        {
            if (fields.Length != header.Length)
            {
                throw new UsageException($"Line {parser.LineNumber - 1} of '{file.Name}' has {fields.Length} fields; the header has {header.Length}.");
            }

            var row = new JsonObject();
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(fields[i]);
            }

            rows.Add(row);
        }

        return new JsonObject { ["rows"] = rows }.ToJsonString();
    }
}
