namespace ModelOps.Retraining;

/// <summary>
/// The port to training data: CSV files dropped per model (<c>training-data/{model}/{name}</c> in Azure Storage); any
/// writer of a file there starts a retraining run.
/// </summary>
public interface ITrainingDataStore
{
    /// <summary>Writes a file from <paramref name="content"/> (read to its end), replacing one of the same name.</summary>
    Task<TrainingDataFile> UploadAsync(string model, string name, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Writes a file unless one of that name exists; null when it did.</summary>
    Task<TrainingDataFile?> UploadIfAbsentAsync(string model, string name, Stream content, CancellationToken cancellationToken = default);

    /// <summary>A file's properties; null when it does not exist.</summary>
    Task<TrainingDataFile?> GetAsync(string model, string name, CancellationToken cancellationToken = default);

    /// <summary>The files of one model, or of every model when <paramref name="model"/> is null, in name order.</summary>
    IAsyncEnumerable<TrainingDataFile> ListAsync(string? model, CancellationToken cancellationToken = default);

    /// <summary>Opens a file for reading; null when it does not exist. The caller disposes the stream.</summary>
    Task<Stream?> OpenReadAsync(string model, string name, CancellationToken cancellationToken = default);
}
