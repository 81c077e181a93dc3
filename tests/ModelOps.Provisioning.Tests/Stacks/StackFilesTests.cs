using System.Text.RegularExpressions;
using ModelOps.Provisioning.Configuration;

namespace ModelOps.Provisioning.Tests.Stacks;

/// <summary>The stack files in infra/ hold only known keys and pass validation; the README documents every key.</summary>
public sealed partial class StackFilesTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void StackFile_KnownKeysOnly_AndValidOnceTheSecretsAreSet(string stack)
    {
        var values = ReadConfig(Path.Combine(RepositoryPaths.Infra, $"Pulumi.{stack}.yaml"));
        var known = StackConfigKeys.All.Select(k => k.QualifiedName).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(values.Keys, k => !known.Contains(k));
        var config = StackConfig.Parse(stack, key => key.IsSecret ? "set" : values.GetValueOrDefault(key.QualifiedName));
        Assert.Equal("swedencentral", config.Location);
    }

    [Fact]
    public void ProjectFile_DotnetRuntimeNamedAfterTheConfigNamespace()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "Pulumi.yaml"));

        Assert.Contains("name: " + StackConfigKeys.Namespace + "\n", text, StringComparison.Ordinal);
        Assert.Contains("runtime: dotnet\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_DocumentsEveryKeyWithItsDefault()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "README.md"));

        Assert.All(StackConfigKeys.All, key =>
        {
            var row = readme.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{key.Name}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"infra/README.md has no row for {key.Name}");
            Assert.Contains(key.Default is null ? "required" : $"`{key.Default}`", row, StringComparison.Ordinal);
        });
    }

    /// <summary>The flat <c>config:</c> map of a stack file (<c>  key: value</c> lines; quotes removed).</summary>
    private static Dictionary<string, string> ReadConfig(string path) =>
        File.ReadAllLines(path)
            .Select(line => ConfigLine().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim().Trim('"'), StringComparer.Ordinal);

    [GeneratedRegex(@"^  ([\w-]+:[\w-]+):\s*(.+)$")]
    private static partial Regex ConfigLine();
}
