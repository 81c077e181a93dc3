using System.CommandLine;
using System.Text.Json;
using ModelOps.Cli.Api;
using Spectre.Console;

namespace ModelOps.Cli;

/// <summary>
/// What commands write to and read settings from: tables and progress on <see cref="Console"/>, JSON on <see cref="Out"/>,
/// errors on <see cref="Error"/> (as the server sent them). Tests pass writers and an environment of their own.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error, Func<string, string?> environment, bool interactive)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<string?> UrlOption { get; } = new("--url") { Description = "Host URL (else MODELOPS_URL, else http://127.0.0.1:7071)", Recursive = true };

    public static Option<string?> KeyOption { get; } = new("--key") { Description = "Key sent as x-functions-key (else MODELOPS_KEY)", Recursive = true };

    public static Option<string?> TokenOption { get; } = new("--token") { Description = "Entra ID bearer token (else MODELOPS_TOKEN)", Recursive = true };

    public static Option<bool> JsonOption { get; } = new("--json") { Description = "Print the server's JSON instead of tables", Recursive = true };

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Spectre's console over <see cref="Out"/>; when not a terminal, plain text 200 columns wide (no wrapping in logs).</summary>
    public IAnsiConsole Console { get; } = CreateConsole(output, interactive);

    private static IAnsiConsole CreateConsole(TextWriter output, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>Runs a command against the host: errors from the server go to stderr as they came, with an exit code.</summary>
    public void SetAction(Command command, Func<ParseResult, ApiClient, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var settings = ClientSettings.Resolve(parse.GetValue(UrlOption), parse.GetValue(KeyOption), parse.GetValue(TokenOption), environment);
                using var api = new ApiClient(settings);
                return await action(parse, api, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException exception)
            {
                await Error.WriteLineAsync(exception.Body).ConfigureAwait(false);
                return exception.Status == 0 ? ExitCodes.ServerError : ExitCodes.FromStatus(exception.Status);
            }
            catch (UsageException exception)
            {
                await Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        });

    /// <summary>With --json, prints the server's answer and returns true; the caller draws its table otherwise.</summary>
    public bool PrintedJson(ParseResult parse, JsonElement answer)
    {
        if (!parse.GetValue(JsonOption))
        {
            return false;
        }

        Out.WriteLine(JsonSerializer.Serialize(answer, Indented));
        return true;
    }
}
