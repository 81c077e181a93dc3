namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>An interface (or a resource class's outputs) of the provider: <c>module</c> is its azure-native module, e.g. <c>app</c>.</summary>
public sealed record TsInterface(string Module, string Name, IReadOnlyDictionary<string, TsProperty> Properties)
{
    /// <summary>The property a C# member name maps to: Pulumi's .NET SDK capitalizes the first letter of the schema name.</summary>
    public TsProperty? Find(string csharpName)
    {
        if (Properties.TryGetValue(char.ToLowerInvariant(csharpName[0]) + csharpName[1..], out var exact))
        {
            return exact;
        }

        var key = Normalize(csharpName);
        return Properties.Values.FirstOrDefault(p => Normalize(p.Name) == key);
    }

    private static string Normalize(string name) => new(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
