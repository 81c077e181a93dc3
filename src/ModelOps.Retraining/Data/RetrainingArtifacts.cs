using System.Security.Cryptography;
using System.Text.Json;
using ModelOps.Registry;
using ModelOps.Serialization;

namespace ModelOps.Retraining;

/// <summary>What retraining runs write: reports and candidates per run, and the baselines of the versions they register.</summary>
public sealed class RetrainingArtifacts
{
    private readonly IRunReportStore _reports;
    private readonly IBaselineStore _baselines;

    public RetrainingArtifacts(IRunReportStore reports, IBaselineStore baselines)
    {
        _reports = reports;
        _baselines = baselines;
    }

    /// <summary>Writes <paramref name="value"/> as JSON to a file of the run; returns its location.</summary>
    public Task<string> WriteReportAsync(string model, string runId, string file, object value, CancellationToken cancellationToken = default) =>
        _reports.WriteAsync(model, runId, file, JsonSerializer.SerializeToUtf8Bytes(value, ModelOpsJson.Options), "application/json", cancellationToken);

    /// <summary>Writes bytes to a file of the run; returns its location.</summary>
    public Task<string> WriteFileAsync(string model, string runId, string file, byte[] content, string contentType, CancellationToken cancellationToken = default) =>
        _reports.WriteAsync(model, runId, file, content, contentType, cancellationToken);

    /// <summary>
    /// The candidate's ONNX file, checked against the SHA-256 recorded when it was trained, so evaluation and
    /// registration always see the model that was trained (never one overwritten in between).
    /// </summary>
    public async Task<byte[]> ReadCandidateAsync(string model, string runId, CandidateModel candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var bytes = await _reports.ReadAsync(model, runId, RetrainingFiles.Candidate, cancellationToken).ConfigureAwait(false)
            ?? throw new RetrainingException($"The candidate '{candidate.Blob}' is missing from storage.");
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return string.Equals(actual, candidate.Sha256, StringComparison.OrdinalIgnoreCase)
            ? bytes
            : throw new RetrainingException($"The candidate '{candidate.Blob}' changed since it was trained (sha256 {actual}, trained {candidate.Sha256}); it is not evaluated or registered.");
    }

    /// <summary>Copies a file the run wrote (schema, statistics) into the baseline of the version it registered.</summary>
    public async Task CopyToBaselineAsync(string model, string runId, string file, int version, CancellationToken cancellationToken = default)
    {
        var bytes = await _reports.ReadAsync(model, runId, file, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{runId}' of model '{model}' has no '{file}'.");
        await _baselines.WriteAsync(model, version, file, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A file of a version's baseline; null when it has none.</summary>
    public Task<byte[]?> ReadBaselineAsync(string model, int version, string file, CancellationToken cancellationToken = default) =>
        _baselines.ReadAsync(model, version, file, cancellationToken);
}
