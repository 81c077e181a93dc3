using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ModelOps.Training;
using ModelOps.Training.Data;

namespace ModelOps.Retraining;

/// <summary>
/// Local copies of training data: each run downloads its blob once per host into <c>{work}/{runId}/data.csv</c>
/// (streamed, hashed on the way), and every later step checks the copy against the SHA-256 recorded by validation.
/// </summary>
public sealed class TrainingDataFiles
{
    private readonly ITrainingDataStore _data;
    private readonly RetrainingOptions _options;

    public TrainingDataFiles(ITrainingDataStore data, IOptions<RetrainingOptions> options)
    {
        _data = data;
        _options = options.Value;
    }

    /// <summary>The scratch folder of a run (created).</summary>
    public string RunDirectory(string runId)
    {
        var root = _options.WorkDirectory is { Length: > 0 } work ? work : Path.Combine(Path.GetTempPath(), "modelops-retraining");
        var directory = Path.Combine(root, string.Concat(runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// The local path of the run's data and its SHA-256 and size. With <paramref name="expectedSha256"/>, a blob that
    /// changed since validation ends the run rather than train on other data than was validated.
    /// </summary>
    public async Task<(string Path, string Sha256, long Bytes)> FetchAsync(
        string runId,
        string model,
        string dataFile,
        string? expectedSha256,
        CancellationToken cancellationToken = default)
    {
        var directory = RunDirectory(runId);
        var path = Path.Combine(directory, "data.csv");
        var shaPath = path + ".sha256";
        if (File.Exists(path) && File.Exists(shaPath))
        {
            var known = await File.ReadAllTextAsync(shaPath, cancellationToken).ConfigureAwait(false);
            if (expectedSha256 is null || string.Equals(known, expectedSha256, StringComparison.Ordinal))
            {
                return (path, known, new FileInfo(path).Length);
            }
        }

        var download = await _data.OpenReadAsync(model, dataFile, cancellationToken).ConfigureAwait(false)
            ?? throw new RetrainingException($"The training data '{dataFile}' of model '{model}' does not exist (deleted after the run started?).");
        string sha;
        long bytes;
        await using (download.ConfigureAwait(false))
        {
            var partial = path + ".partial";
            var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                bytes = 0;
                while ((read = await download.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    bytes += read;
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            File.Move(partial, path, overwrite: true);
        }

        await File.WriteAllTextAsync(shaPath, sha, cancellationToken).ConfigureAwait(false);
        if (expectedSha256 is not null && !string.Equals(sha, expectedSha256, StringComparison.Ordinal))
        {
            throw new RetrainingException(
                $"The training data '{dataFile}' of model '{model}' changed since it was validated (SHA-256 {expectedSha256}, now {sha}); start a new run for the new data.");
        }

        return (path, sha, bytes);
    }

    /// <summary>Reads a CSV file as training and data validation read it (strict UTF-8: bad bytes are an error naming the line).</summary>
    public static TabularDataset Read(string path)
    {
        try
        {
            return TabularDataset.FromCsv(path);
        }
        catch (TrainingException exception)
        {
            throw new RetrainingException($"The file cannot be read as CSV: {exception.Message}", exception);
        }
    }

    /// <summary>Deletes a run's scratch folder (best effort).</summary>
    public void Clean(string runId)
    {
        try
        {
            Directory.Delete(RunDirectory(runId), recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another step of the run may still hold a file; the folder is scratch space.
        }
    }
}
