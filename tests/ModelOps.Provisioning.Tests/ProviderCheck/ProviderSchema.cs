using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>
/// The resource types of the Pulumi Azure Native provider as its npm package @pulumi/azure-native declares them: one folder
/// per module, one <c>.d.ts</c> per resource or function, nested input and output types in <c>types/input.d.ts</c> and
/// <c>types/output.d.ts</c>. Modules load on first use.
/// </summary>
public sealed partial class ProviderSchema
{
    private readonly ConcurrentDictionary<string, ProviderModule> _modules = new(StringComparer.Ordinal);
    private readonly Lazy<NestedTypes> _inputs;
    private readonly Lazy<NestedTypes> _outputs;

    private ProviderSchema(string packageRoot, string version, IReadOnlyList<string> modules)
    {
        PackageRoot = packageRoot;
        Version = version;
        ModuleNames = modules;
        _inputs = new(() => new NestedTypes(Path.Combine(packageRoot, "types", "input.d.ts")));
        _outputs = new(() => new NestedTypes(Path.Combine(packageRoot, "types", "output.d.ts")));
    }

    public string PackageRoot { get; }
    public string Version { get; }
    public IReadOnlyList<string> ModuleNames { get; }

    /// <summary>Loads the package at <paramref name="packageRoot"/> (the folder holding its package.json).</summary>
    public static ProviderSchema Load(string packageRoot)
    {
        var manifest = Path.Combine(packageRoot, "package.json");
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException(
                $"@pulumi/azure-native is not installed at {packageRoot}. Run: npm ci --ignore-scripts (test.sh does).", manifest);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = json.RootElement.GetProperty("version").GetString() ?? "";
        var modules = Directory.EnumerateDirectories(packageRoot)
            .Where(d => File.Exists(Path.Combine(d, "index.d.ts")) && Path.GetFileName(d) != "types")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ProviderSchema(packageRoot, version, modules);
    }

    /// <summary>The module a C# namespace segment (<c>ContainerRegistry</c>) names, or null.</summary>
    public string? ModuleFor(string csharpSegment) =>
        ModuleNames.FirstOrDefault(m => string.Equals(m, csharpSegment, StringComparison.OrdinalIgnoreCase));

    public ProviderModule Module(string module) => _modules.GetOrAdd(module, m => ProviderModule.Load(PackageRoot, m));

    /// <summary>An input type (<c>inputs.app.ConfigurationArgs</c>), or null.</summary>
    public TsInterface? Input(string module, string name) => _inputs.Value.Find(module, name);

    /// <summary>An output type (<c>outputs.app.ConfigurationResponse</c>), or null.</summary>
    public TsInterface? Output(string module, string name) => _outputs.Value.Find(module, name);

    /// <summary>One of <c>types/input.d.ts</c> or <c>types/output.d.ts</c>: a namespace per module, parsed on first use.</summary>
    private sealed class NestedTypes
    {
        private readonly string _text;
        private readonly Dictionary<string, (int Start, int End)> _namespaces = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, TsInterface>> _parsed = new(StringComparer.Ordinal);

        public NestedTypes(string path)
        {
            _text = TsDeclarations.StripComments(File.ReadAllText(path));
            foreach (Match match in NamespaceHeader().Matches(_text))
            {
                var open = match.Index + match.Length - 1;
                _namespaces[match.Groups[1].Value] = (open + 1, TsDeclarations.MatchingBrace(_text, open) - 1);
            }
        }

        public TsInterface? Find(string module, string name)
        {
            if (!_namespaces.TryGetValue(module, out var span))
            {
                return null;
            }

            var types = _parsed.GetOrAdd(module, m =>
                TsDeclarations.Interfaces(m, _text[span.Start..span.End]).ToDictionary(i => i.Name, StringComparer.Ordinal));
            return types.GetValueOrDefault(name);
        }
    }

    [GeneratedRegex(@"export declare namespace (\w+) \{")]
    private static partial Regex NamespaceHeader();
}
