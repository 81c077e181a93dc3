namespace ModelOps.Inference.Jobs;

/// <summary>
/// A place in blob storage as callers name it: a container of the documented layout (<c>inference-results</c>,
/// <c>batch-input</c>, <c>batch-output</c>...) and a path inside it. The storage adapter maps the container to its
/// account's name (with the configured prefix).
/// </summary>
public readonly record struct BlobPath(string Container, string Name)
{
    public override string ToString() => $"{Container}/{Name}";

    /// <summary>A path written by <see cref="ToString"/> (one the guard accepted before).</summary>
    public static BlobPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new BlobPath(text, string.Empty) : new BlobPath(text[..slash], text[(slash + 1)..]);
    }

    /// <summary>The path of <paramref name="name"/> under this one taken as a folder.</summary>
    public BlobPath Append(string name) => new(Container, Name.Length == 0 || Name.EndsWith('/') ? Name + name : $"{Name}/{name}");
}
