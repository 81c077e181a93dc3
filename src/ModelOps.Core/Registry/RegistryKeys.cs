using System.Globalization;

namespace ModelOps.Registry;

/// <summary>Row keys and blob names of the registry's storage layout.</summary>
internal static class RegistryKeys
{
    public const string ModelRow = "model";
    public const string VersionPrefix = "version-";
    public const string AliasPrefix = "alias-";

    /// <summary>Zero-padded so that row-key order is version order.</summary>
    public static string VersionRow(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    public static string AliasRow(string alias) => AliasPrefix + alias;

    public static string ArtifactBlob(string model, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/{version}/model.onnx");

    public static string CardBlob(string model, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/{version}/card.json");

    /// <summary>An OData filter for row keys that start with <paramref name="prefix"/> (which ends in '-').</summary>
    public static string RowPrefixFilter(string prefix) =>
        $"RowKey ge '{prefix}' and RowKey lt '{prefix[..^1]}.'";
}
