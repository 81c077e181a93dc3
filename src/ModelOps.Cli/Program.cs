using ModelOps.Cli;

var interactive = !Console.IsOutputRedirected;
return await CliApp.RunAsync(args, new CliContext(Console.Out, Console.Error, Environment.GetEnvironmentVariable, interactive)).ConfigureAwait(false);
