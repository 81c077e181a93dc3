using ModelOps.Registry;

namespace ModelOps.Http.Serving;

/// <summary>
/// The version tag that sends a version's inference to the GPU serving app: <c>serving=gpu</c> (value compared
/// ignoring case). Set it at registration (<c>"tags": {"serving": "gpu"}</c>) or later with a PATCH of the version's tags.
/// </summary>
public static class GpuServingTag
{
    public const string Name = "serving";

    public const string Value = "gpu";

    public static bool IsOn(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Tags.TryGetValue(Name, out var value) && string.Equals(value, Value, StringComparison.OrdinalIgnoreCase);
    }
}
