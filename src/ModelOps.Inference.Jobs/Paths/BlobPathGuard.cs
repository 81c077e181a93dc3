using System.Buffers;
using Microsoft.Extensions.Options;
using ModelOps.Errors;

namespace ModelOps.Inference.Jobs;

/// <summary>
/// Where a request may make us read or write: a path named by a caller (a queue message's <c>outputBlob</c> and
/// <c>inputBlob</c>, a batch job's <c>input</c> and <c>output</c>) is accepted only inside the allowed containers
/// (<see cref="InferenceJobsOptions.AllowedOutputContainers"/>, <see cref="InferenceJobsOptions.AllowedInputContainers"/>)
/// and only as a plain path: no <c>..</c> or <c>.</c> segments, no empty segments, no backslashes or control characters.
/// </summary>
public sealed class BlobPathGuard
{
    /// <summary>The longest blob name Azure accepts.</summary>
    public const int MaxNameLength = 1024;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create("\\?#");

    private readonly IReadOnlyList<string> _outputs;
    private readonly IReadOnlyList<string> _inputs;

    public BlobPathGuard(IOptions<InferenceJobsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outputs = options.Value.EffectiveOutputContainers;
        _inputs = options.Value.EffectiveInputContainers;
    }

    /// <summary>A blob a caller wants written; <see cref="ErrorKind.InvalidInput"/> naming the field when refused.</summary>
    public BlobPath Output(string? text, string field) => Parse(text, field, _outputs, "written", folder: false);

    /// <summary>A folder (prefix) a caller wants written under.</summary>
    public BlobPath OutputFolder(string? text, string field) => Parse(text, field, _outputs, "written", folder: true);

    /// <summary>A blob a caller wants read.</summary>
    public BlobPath Input(string? text, string field) => Parse(text, field, _inputs, "read", folder: false);

    /// <summary>A folder (prefix) a caller wants read.</summary>
    public BlobPath InputFolder(string? text, string field) => Parse(text, field, _inputs, "read", folder: true);

    private static BlobPath Parse(string? text, string field, IReadOnlyList<string> allowed, string verb, bool folder)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ModelOpsException.Invalid($"'{field}' must name a blob as 'container/path'.");
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? text : text[..slash];
        var name = slash < 0 ? string.Empty : text[(slash + 1)..];
        if (!allowed.Contains(container, StringComparer.Ordinal))
        {
            throw ModelOpsException.Invalid(
                $"'{field}' is '{text}', but blobs may be {verb} only in {string.Join(", ", allowed.Select(c => $"'{c}/'"))}.");
        }

        var trimmed = folder && name.EndsWith('/') ? name[..^1] : name;
        if (trimmed.Length == 0 && !folder)
        {
            throw ModelOpsException.Invalid($"'{field}' is '{text}': name a blob inside '{container}/'.");
        }

        if (name.Length > MaxNameLength || name.AsSpan().ContainsAny(Forbidden) || name.Any(char.IsControl)
            || (trimmed.Length > 0 && trimmed.Split('/').Any(segment => segment is "" or "." or "..")))
        {
            throw ModelOpsException.Invalid(
                $"'{field}' is '{text}': a path must be plain segments separated by '/', without '.', '..', empty segments, backslashes, '?', '#' or control characters, at most {MaxNameLength} characters.");
        }

        return new BlobPath(container, folder && trimmed.Length > 0 ? trimmed + "/" : trimmed);
    }
}
