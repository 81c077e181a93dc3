using System.Text.RegularExpressions;

namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>One azure-native module (a folder of the package, e.g. <c>app</c>): its resources, args and result interfaces, functions and enums.</summary>
public sealed partial class ProviderModule
{
    private ProviderModule(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Resource classes by class name.</summary>
    public Dictionary<string, ProviderResource> Resources { get; } = new(StringComparer.Ordinal);

    /// <summary>Interfaces declared beside resources and functions: <c>XArgs</c>, <c>GetXArgs</c>, <c>GetXOutputArgs</c>, <c>GetXResult</c>.</summary>
    public Dictionary<string, TsInterface> Interfaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Function names (<c>getSharedKeys</c>, <c>listWebAppHostKeys</c>).</summary>
    public HashSet<string> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>Enums by name, each with its members (member name → value).</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> Enums { get; } = new(StringComparer.Ordinal);

    internal static ProviderModule Load(string packageRoot, string name)
    {
        var module = new ProviderModule(name);
        var folder = Path.Combine(packageRoot, name);
        foreach (var file in Directory.EnumerateFiles(folder, "*.d.ts"))
        {
            if (Path.GetFileName(file) == "index.d.ts")
            {
                continue;
            }

            var text = TsDeclarations.StripComments(File.ReadAllText(file));
            foreach (Match match in ClassHeader().Matches(text))
            {
                var open = match.Index + match.Length - 1;
                var body = text[(open + 1)..(TsDeclarations.MatchingBrace(text, open) - 1)];
                var className = match.Groups[1].Value;
                var js = Path.ChangeExtension(Path.ChangeExtension(file, null), ".js");
                var token = TypeToken().Match(File.ReadAllText(js)) is { Success: true } t ? t.Groups[1].Value : $"azure-native:{name}:{className}";
                module.Resources[className] = new ProviderResource(name, className, token, new TsInterface(name, className, TsDeclarations.Members(body)));
            }

            foreach (var declared in TsDeclarations.Interfaces(name, text))
            {
                module.Interfaces[declared.Name] = declared;
            }

            foreach (Match match in FunctionHeader().Matches(text))
            {
                module.Functions.Add(match.Groups[1].Value);
            }
        }

        var enums = Path.Combine(packageRoot, "types", "enums", name, "index.d.ts");
        if (File.Exists(enums))
        {
            var text = TsDeclarations.StripComments(File.ReadAllText(enums));
            foreach (Match match in EnumHeader().Matches(text))
            {
                var open = match.Index + match.Length - 1;
                var members = TsDeclarations.Members(text[(open + 1)..(TsDeclarations.MatchingBrace(text, open) - 1)]);
                module.Enums[match.Groups[1].Value] = members.Values.ToDictionary(m => m.Name, m => m.TypeText.Trim('"'), StringComparer.Ordinal);
            }
        }

        return module;
    }

    [GeneratedRegex(@"export declare class (\w+) extends pulumi\.CustomResource\s*\{")]
    private static partial Regex ClassHeader();

    [GeneratedRegex(@"__pulumiType = '([^']+)'")]
    private static partial Regex TypeToken();

    [GeneratedRegex(@"export declare function (\w+)\(")]
    private static partial Regex FunctionHeader();

    [GeneratedRegex(@"export declare const (\w+): \{")]
    private static partial Regex EnumHeader();
}
