using System.Reflection;
using System.Text.Json;

namespace ModelOps.Functions.Tests.Support;

/// <summary>The Functions project's build output: what the Sdk generated for the Functions host.</summary>
public static class FunctionsAppOutput
{
    public static string Folder { get; } = typeof(FunctionsAppOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionsAppOutput").Value!;

    public static string PathOf(string file) => System.IO.Path.Combine(Folder, file);

    /// <summary>The function entries of <c>functions.metadata</c>, by name.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Functions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf("functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }

    /// <summary>A function's trigger binding (the one binding whose type ends in <c>Trigger</c>).</summary>
    public static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    public static IEnumerable<string> BindingTypes(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Select(b => $"{b.GetProperty("direction").GetString()}:{b.GetProperty("type").GetString()}");
}
