namespace ModelOps.Provisioning.Tests;

/// <summary>Paths in the repository the tests read: the Pulumi program and the provider package npm installed.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string ProviderPackage => Path.Combine(Root, "node_modules", "@pulumi", "azure-native");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No functions.sln above " + AppContext.BaseDirectory + ".");
    }
}
