namespace ModelOps.Testing;

/// <summary>Where the repository and the shared test data are, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding <c>functions.sln</c>.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary><c>&lt;repoRoot&gt;/../shared/data</c>: data shared between checkouts (may not exist).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds functions.sln.");
    }
}
