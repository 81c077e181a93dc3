using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelOps.Serialization;
using ModelOps.Storage;

namespace ModelOps.Retraining;

/// <summary>Reports, candidates and baselines of retraining runs, as blobs.</summary>
public sealed class RetrainingArtifacts
{
    private readonly IArtifactStore _blobs;
    private readonly RetrainingOptions _options;
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _ensured;

    public RetrainingArtifacts(IArtifactStore blobs, IOptions<RetrainingOptions> options)
    {
        _blobs = blobs;
        _options = options.Value;
    }

    public RetrainingOptions Options => _options;

    /// <summary>Writes <paramref name="value"/> as JSON to a blob of the report container.</summary>
    public Task WriteReportAsync(string name, object value, CancellationToken cancellationToken = default) =>
        WriteAsync(_options.ReportContainer, name, JsonSerializer.SerializeToUtf8Bytes(value, ModelOpsJson.Options), "application/json", cancellationToken);

    /// <summary>Writes bytes to a blob (overwriting: every writer of one name writes the same content).</summary>
    public async Task WriteAsync(string container, string name, byte[] content, string contentType, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(content, writable: false);
        await _blobs.UploadAsync(container, name, stream, new ArtifactUploadOptions { ContentType = contentType }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A blob's bytes; null when it does not exist.</summary>
    public async Task<byte[]?> ReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var download = await _blobs.OpenReadAsync(container, name, cancellationToken).ConfigureAwait(false);
        if (download is null)
        {
            return null;
        }

        await using (download.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await download.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    /// <summary>Copies a report blob to another container and name.</summary>
    /// <summary>
    /// The candidate's ONNX file, checked against the SHA-256 recorded when it was trained, so evaluation and
    /// registration always see the model that was trained (never one overwritten in between).
    /// </summary>
    public async Task<byte[]> ReadCandidateAsync(CandidateModel candidate, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAsync(_options.ReportContainer, candidate.Blob, cancellationToken).ConfigureAwait(false)
            ?? throw new RetrainingException($"The candidate '{candidate.Blob}' is missing from storage.");
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return string.Equals(actual, candidate.Sha256, StringComparison.OrdinalIgnoreCase)
            ? bytes
            : throw new RetrainingException($"The candidate '{candidate.Blob}' changed since it was trained (sha256 {actual}, trained {candidate.Sha256}); it is not evaluated or registered.");
    }

    public async Task CopyReportAsync(string reportName, string container, string name, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAsync(_options.ReportContainer, reportName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The report '{_options.ReportContainer}/{reportName}' is missing.");
        await WriteAsync(container, name, bytes, "application/json", cancellationToken).ConfigureAwait(false);
    }

    public async Task EnsureContainersAsync(CancellationToken cancellationToken = default)
    {
        if (_ensured)
        {
            return;
        }

        await _ensure.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ensured)
            {
                await _blobs.EnsureContainerAsync(_options.DataContainer, cancellationToken).ConfigureAwait(false);
                await _blobs.EnsureContainerAsync(_options.ReportContainer, cancellationToken).ConfigureAwait(false);
                await _blobs.EnsureContainerAsync(_options.BaselineContainer, cancellationToken).ConfigureAwait(false);
                _ensured = true;
            }
        }
        finally
        {
            _ensure.Release();
        }
    }
}
