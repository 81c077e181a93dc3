namespace ModelOps.Training.Tests.Support;

/// <summary>The repository root (the folder holding functions.sln) and the shared test data beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TabularData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "tabular"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No functions.sln above {AppContext.BaseDirectory}.");
    }
}
