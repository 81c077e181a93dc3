using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Serialization;
using ModelOps.Storage;

namespace ModelOps.Retraining;

/// <summary>
/// Training configurations, one row per model in the retraining table (<c>PK = model, RK = "config"</c>), with ETags;
/// and the columns of the latest dataset seen for a model (<c>RK = "columns"</c>), so a PUT can name unknown columns.
/// </summary>
public sealed class TrainingConfigurationStore
{
    private const string ConfigRow = "config";
    private const string ColumnsRow = "columns";

    private readonly IMetadataStore _tables;
    private readonly TimeProvider _time;
    private readonly RetrainingOptions _options;
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _ensured;

    public TrainingConfigurationStore(IMetadataStore tables, TimeProvider time, IOptions<RetrainingOptions> options)
    {
        _tables = tables;
        _time = time;
        _options = options.Value;
    }

    /// <summary>The model's configuration; null when it has none.</summary>
    public async Task<StoredTrainingConfiguration?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _tables.GetAsync(_options.TableName, model, ConfigRow, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var configuration = JsonSerializer.Deserialize<TrainingConfiguration>(entity.GetString("Json") ?? "{}", ModelOpsJson.Options)!;
        return new StoredTrainingConfiguration(model, configuration, entity.ETag ?? string.Empty, entity.GetDateTimeOffset("UpdatedAt") ?? default);
    }

    /// <summary>
    /// Validates and stores a configuration. With <paramref name="ifMatch"/> only over that version (412 otherwise);
    /// <c>*</c> requires one to exist. Unknown columns are a 400 once a dataset of the model has been seen.
    /// </summary>
    public async Task<StoredTrainingConfiguration> PutAsync(
        string model,
        TrainingConfiguration configuration,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var columns = await GetKnownColumnsAsync(model, cancellationToken).ConfigureAwait(false);
        TrainingConfigurationValidator.Validate(configuration, columns);
        var now = _time.GetUtcNow();
        var entity = new TableEntity(model, ConfigRow)
        {
            ["Json"] = JsonSerializer.Serialize(configuration, ModelOpsJson.Options),
            ["UpdatedAt"] = now,
        };
        try
        {
            var etag = ifMatch is null
                ? await _tables.UpsertAsync(_options.TableName, entity, cancellationToken).ConfigureAwait(false)
                : await _tables.ReplaceAsync(_options.TableName, entity, ifMatch, cancellationToken).ConfigureAwait(false);
            return new StoredTrainingConfiguration(model, configuration, etag, now);
        }
        catch (StorageConflictException exception)
        {
            throw new ModelOpsException(
                exception.Conflict == StorageConflict.NotFound ? ErrorKind.NotFound : ErrorKind.PreconditionFailed,
                exception.Conflict == StorageConflict.NotFound
                    ? $"Model '{model}' has no training configuration to replace."
                    : $"The training configuration of model '{model}' has changed since ETag {ifMatch}; read it again.",
                exception);
        }
    }

    /// <summary>The columns of the latest dataset validated for <paramref name="model"/>; null when none was seen.</summary>
    public async Task<IReadOnlyList<string>?> GetKnownColumnsAsync(string model, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _tables.GetAsync(_options.TableName, model, ColumnsRow, cancellationToken).ConfigureAwait(false);
        return entity?.GetString("Json") is { } json ? JsonSerializer.Deserialize<string[]>(json) : null;
    }

    /// <summary>Records the columns of a dataset that was read for <paramref name="model"/>.</summary>
    public async Task SetKnownColumnsAsync(string model, IReadOnlyList<string> columns, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(model, ColumnsRow) { ["Json"] = JsonSerializer.Serialize(columns) };
        await _tables.UpsertAsync(_options.TableName, entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The models that have a configuration (for the scheduler).</summary>
    public async Task<IReadOnlyList<StoredTrainingConfiguration>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StoredTrainingConfiguration>();
        string? token = null;
        do
        {
            var page = await _tables.QueryAsync(
                _options.TableName,
                new TableQuery(Filter: $"RowKey eq '{ConfigRow}'", ContinuationToken: token),
                cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                var configuration = JsonSerializer.Deserialize<TrainingConfiguration>(entity.GetString("Json") ?? "{}", ModelOpsJson.Options)!;
                result.Add(new StoredTrainingConfiguration(entity.PartitionKey, configuration, entity.ETag ?? string.Empty, entity.GetDateTimeOffset("UpdatedAt") ?? default));
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return result;
    }

    internal async Task EnsureTableAsync(CancellationToken cancellationToken)
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
                await _tables.EnsureTableAsync(_options.TableName, cancellationToken).ConfigureAwait(false);
                await _tables.EnsureTableAsync(_options.ReceiptTableName, cancellationToken).ConfigureAwait(false);
                _ensured = true;
            }
        }
        finally
        {
            _ensure.Release();
        }
    }
}
