namespace ModelOps.Onnx.Tests;

/// <summary>Where the repository and the shared test data are.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding functions.sln, found by walking up from the test assembly.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>&lt;repo&gt;/../shared/data</c>: public conformance data, present for every developer and in CI.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>The tiny models this project generates (tests/ModelOps.Onnx.Tests/Models, copied next to the assembly).</summary>
    public static string Model(string fileName) => Path.Combine(AppContext.BaseDirectory, "Models", fileName);

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No functions.sln above {AppContext.BaseDirectory}.");
    }
}
