using System.CommandLine;
using ModelOps.Cli.Commands;

namespace ModelOps.Cli;

/// <summary>The <c>modelops</c> command tree and its one entry point (Program and the tests call <see cref="RunAsync"/>).</summary>
public static class CliApp
{
    public static RootCommand Build(CliContext cli)
    {
        var root = new RootCommand(
            "modelops: the command line of a ModelOps host.\n" +
            "Settings: --url/--key/--token, else MODELOPS_URL/MODELOPS_KEY/MODELOPS_TOKEN.\n" +
            "Exit codes: 0 ok, 1 server error or unreachable, 2 usage, 3 input refused (4xx), 4 unauthorized (401/403), " +
            "5 not found (404), 6 conflict (409/412), 7 watched run did not complete.")
        {
            Options = { CliContext.UrlOption, CliContext.KeyOption, CliContext.TokenOption, CliContext.JsonOption },
        };
        root.Subcommands.Add(ModelsCommands.Models(cli));
        root.Subcommands.Add(ModelsCommands.Aliases(cli));
        root.Subcommands.Add(PredictCommand.Build(cli));
        root.Subcommands.Add(TrainCommands.Train(cli));
        root.Subcommands.Add(TrainCommands.Data(cli));
        root.Subcommands.Add(RunsCommands.Build(cli));
        root.Subcommands.Add(MonitoringCommands.Build(cli));
        root.Subcommands.Add(RolloutsCommands.Build(cli));
        root.Subcommands.Add(BatchCommands.Build(cli));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken = default)
    {
        var parse = Build(cli).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await cli.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = cli.Out, Error = cli.Error }, cancellationToken).ConfigureAwait(false);
    }
}
