using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Runtime;
using ModelOps.Serialization;
using ModelOps.Storage;

namespace ModelOps.Registry;

/// <summary>
/// The model registry: versions counted from 1 per model, artifacts verified by SHA-256, aliases, approval and
/// optimistic concurrency on every record. Records live in one table partition per model; artifacts in blobs.
/// </summary>
public sealed class ModelRegistry
{
    public const string ChampionAlias = "champion";

    private readonly IArtifactStore _artifacts;
    private readonly IMetadataStore _metadata;
    private readonly IModelRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly RegistryOptions _options;
    private readonly ILogger<ModelRegistry> _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;

    public ModelRegistry(
        IArtifactStore artifacts,
        IMetadataStore metadata,
        IModelRuntime runtime,
        TimeProvider time,
        IOptions<RegistryOptions> options,
        ILogger<ModelRegistry> logger)
    {
        _artifacts = artifacts;
        _metadata = metadata;
        _runtime = runtime;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Raised after an alias changes in this process, so caches can forget what they resolved.</summary>
    public event Action<string>? AliasesChanged;

    /// <summary>
    /// Registers <paramref name="onnx"/> as the next version of <paramref name="name"/>. The file must load in the
    /// runtime; otherwise nothing is stored. The version is reserved (Pending), its artifact written, then marked Ready,
    /// so a crash at any point never leaves a listed version that cannot be served.
    /// </summary>
    public async Task<ModelVersion> RegisterAsync(
        string name,
        ReadOnlyMemory<byte> onnx,
        ModelRegistration registration,
        CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        if (onnx.IsEmpty)
        {
            throw ModelOpsException.Invalid("The request body is empty: send the ONNX file as application/octet-stream.");
        }

        var signature = ReadSignature(onnx);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx.Span));
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var (number, pendingETag) = await ReserveVersionAsync(name, now, cancellationToken).ConfigureAwait(false);
        var version = new ModelVersion
        {
            Name = name,
            Version = number,
            Sha256 = sha256,
            Size = onnx.Length,
            Inputs = signature.Inputs,
            Outputs = signature.Outputs,
            Description = registration.Description,
            Tags = registration.Tags ?? new Dictionary<string, string>(),
            Metrics = registration.Metrics ?? new Dictionary<string, double>(),
            Source = registration.Source,
            ApprovalStatus = registration.ApprovalStatus ?? ApprovalStatus.PendingManualApproval,
            CreatedAt = now,
            ModelMetadata = signature.Metadata,
        };

        try
        {
            var metadata = new Dictionary<string, string> { ["sha256"] = sha256 };
            using (var content = AsStream(onnx))
            {
                await _artifacts.UploadAsync(
                    _options.ContainerName,
                    RegistryKeys.ArtifactBlob(name, number),
                    content,
                    new ArtifactUploadOptions { ContentType = "application/octet-stream", Metadata = metadata },
                    cancellationToken).ConfigureAwait(false);
            }

            using (var card = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(version, ModelOpsJson.Options), writable: false))
            {
                await _artifacts.UploadAsync(
                    _options.ContainerName,
                    RegistryKeys.CardBlob(name, number),
                    card,
                    new ArtifactUploadOptions { ContentType = "application/json" },
                    cancellationToken).ConfigureAwait(false);
            }

            var etag = await _metadata.ReplaceAsync(
                _options.TableName,
                RegistryEntities.ToEntity(version, VersionState.Ready),
                pendingETag,
                cancellationToken).ConfigureAwait(false);
            Log.VersionRegistered(_logger, name, number, sha256, onnx.Length);
            return version with { ETag = etag };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await AbandonVersionAsync(name, number, pendingETag).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<RegisteredModel> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _metadata.GetAsync(_options.TableName, name, RegistryKeys.ModelRow, cancellationToken).ConfigureAwait(false)
            ?? throw ModelNotFound(name);
        var aliases = await ListAliasesAsync(name, cancellationToken).ConfigureAwait(false);
        return ToModel(entity, aliases);
    }

    /// <summary>Every registered model, in name order.</summary>
    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<RegisteredModel>();
        await foreach (var entity in QueryAllAsync(new TableQuery(Filter: $"RowKey eq '{RegistryKeys.ModelRow}'"), cancellationToken).ConfigureAwait(false))
        {
            var aliases = await ListAliasesAsync(entity.PartitionKey, cancellationToken).ConfigureAwait(false);
            models.Add(ToModel(entity, aliases));
        }

        return models;
    }

    /// <summary>The model's servable versions, oldest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        await GetModelAsync(name, cancellationToken).ConfigureAwait(false);
        var versions = new List<ModelVersion>();
        var query = new TableQuery(name, RegistryKeys.RowPrefixFilter(RegistryKeys.VersionPrefix));
        await foreach (var entity in QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (RegistryEntities.StateOf(entity) == VersionState.Ready)
            {
                versions.Add(RegistryEntities.ToVersion(entity));
            }
        }

        return versions;
    }

    public async Task<ModelVersion> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _metadata.GetAsync(_options.TableName, name, RegistryKeys.VersionRow(version), cancellationToken).ConfigureAwait(false);
        if (entity is null || RegistryEntities.StateOf(entity) != VersionState.Ready)
        {
            var modelExists = await _metadata.GetAsync(_options.TableName, name, RegistryKeys.ModelRow, cancellationToken).ConfigureAwait(false) is not null;
            throw modelExists
                ? ModelOpsException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Model '{name}' has no version {version}."))
                : ModelNotFound(name);
        }

        return RegistryEntities.ToVersion(entity);
    }

    /// <summary>
    /// The version an unpinned call uses: the one <paramref name="alias"/> points at, or, when the model has no
    /// such alias and the alias is <see cref="ChampionAlias"/>, its newest version.
    /// </summary>
    public async Task<ModelVersion> ResolveAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var aliasEntity = await _metadata.GetAsync(_options.TableName, name, RegistryKeys.AliasRow(alias), cancellationToken).ConfigureAwait(false);
        if (aliasEntity is not null)
        {
            return await GetVersionAsync(name, checked((int)(aliasEntity.GetInt64("Version") ?? 0)), cancellationToken).ConfigureAwait(false);
        }

        if (alias != ChampionAlias)
        {
            throw ModelOpsException.NotFound($"Model '{name}' has no alias '{alias}'.");
        }

        var versions = await ListVersionsAsync(name, cancellationToken).ConfigureAwait(false);
        return versions.Count > 0
            ? versions[^1]
            : throw ModelOpsException.NotFound($"Model '{name}' has no servable version yet.");
    }

    /// <summary>Opens a version's ONNX file. The caller verifies the bytes against <see cref="ModelVersion.Sha256"/>.</summary>
    public async Task<ArtifactDownload> OpenArtifactAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        var download = await _artifacts.OpenReadAsync(_options.ContainerName, RegistryKeys.ArtifactBlob(version.Name, version.Version), cancellationToken).ConfigureAwait(false);
        return download ?? throw new ModelOpsException(
            ErrorKind.Unavailable,
            string.Create(CultureInfo.InvariantCulture, $"The artifact of model '{version.Name}' version {version.Version} is missing from storage."));
    }

    /// <summary>
    /// Loads a version's artifact into memory and checks its SHA-256 against the registered one.
    /// </summary>
    public async Task<byte[]> ReadVerifiedArtifactAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        var download = await OpenArtifactAsync(version, cancellationToken).ConfigureAwait(false);
        await using (download.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(checked((int)Math.Max(version.Size, 0)));
            await download.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var bytes = buffer.ToArray();
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, version.Sha256, StringComparison.Ordinal))
            {
                Log.ArtifactCorrupt(_logger, version.Name, version.Version, version.Sha256, actual);
                throw new ModelOpsException(
                    ErrorKind.Unavailable,
                    string.Create(CultureInfo.InvariantCulture, $"The artifact of model '{version.Name}' version {version.Version} does not match its registered SHA-256; refusing to serve it."));
            }

            return bytes;
        }
    }

    /// <summary>Points <paramref name="alias"/> at an existing version. With <paramref name="ifMatch"/>, only if the alias is unchanged.</summary>
    public async Task<AliasAssignment> SetAliasAsync(
        string name,
        string alias,
        int version,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(alias, "alias");
        await GetModelAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            await GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Alias '{alias}' cannot point at version {version}: model '{name}' has no such version."));
        }

        var entity = RegistryEntities.AliasEntity(name, alias, version, _time.GetUtcNow());
        string etag;
        try
        {
            etag = ifMatch is null
                ? await _metadata.UpsertAsync(_options.TableName, entity, cancellationToken).ConfigureAwait(false)
                : await _metadata.ReplaceAsync(_options.TableName, entity, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException exception)
        {
            throw StaleETag($"alias '{alias}' of model '{name}'", exception);
        }

        Log.AliasSet(_logger, name, alias, version);
        AliasesChanged?.Invoke(name);
        return new AliasAssignment(name, alias, version, etag);
    }

    public async Task<AliasAssignment> GetAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        ModelNames.EnsureValid(alias, "alias");
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _metadata.GetAsync(_options.TableName, name, RegistryKeys.AliasRow(alias), cancellationToken).ConfigureAwait(false)
            ?? throw ModelOpsException.NotFound($"Model '{name}' has no alias '{alias}'.");
        return new AliasAssignment(name, alias, checked((int)(entity.GetInt64("Version") ?? 0)), entity.ETag ?? string.Empty);
    }

    public async Task DeleteAliasAsync(string name, string alias, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        ModelNames.EnsureValid(alias, "alias");
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        bool deleted;
        try
        {
            deleted = await _metadata.DeleteAsync(_options.TableName, name, RegistryKeys.AliasRow(alias), ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException exception)
        {
            throw StaleETag($"alias '{alias}' of model '{name}'", exception);
        }

        if (!deleted)
        {
            throw ModelOpsException.NotFound($"Model '{name}' has no alias '{alias}'.");
        }

        AliasesChanged?.Invoke(name);
    }

    /// <summary>
    /// Changes a version's description, tags or approval. With <paramref name="ifMatch"/>, only if the record is
    /// unchanged since the caller read it; without, the change is applied to the latest record (never lost to a race).
    /// </summary>
    public async Task<ModelVersion> UpdateVersionAsync(
        string name,
        int version,
        ModelVersionPatch patch,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var current = await GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
            if (ifMatch is not null && !ETagsEqual(ifMatch, current.ETag))
            {
                throw StaleETag(string.Create(CultureInfo.InvariantCulture, $"version {version} of model '{name}'"), null);
            }

            var updated = current with
            {
                Description = patch.Description ?? current.Description,
                Tags = patch.Tags ?? current.Tags,
                ApprovalStatus = patch.ApprovalStatus ?? current.ApprovalStatus,
                UpdatedAt = _time.GetUtcNow(),
            };
            try
            {
                var etag = await _metadata.ReplaceAsync(
                    _options.TableName,
                    RegistryEntities.ToEntity(updated, VersionState.Ready),
                    current.ETag,
                    cancellationToken).ConfigureAwait(false);
                return updated with { ETag = etag };
            }
            catch (StorageConflictException exception) when (exception.Conflict == StorageConflict.ETagMismatch)
            {
                if (ifMatch is not null)
                {
                    throw StaleETag(string.Create(CultureInfo.InvariantCulture, $"version {version} of model '{name}'"), exception);
                }
            }
        }
    }

    /// <summary>Asks storage for one record: succeeds when the registry's table answers.</summary>
    public async Task CheckStorageAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _metadata.QueryAsync(_options.TableName, new TableQuery(Top: 1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the registry's table and container if they are missing. Idempotent; runs once per process.</summary>
    public async Task EnsureInitializedAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await _metadata.EnsureTableAsync(_options.TableName, cancellationToken).ConfigureAwait(false);
                await _artifacts.EnsureContainerAsync(_options.ContainerName, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    private ModelSignature ReadSignature(ReadOnlyMemory<byte> onnx)
    {
        try
        {
            using var session = _runtime.Load(onnx, new ModelLoadOptions { IntraOpThreads = 1, InterOpThreads = 1 });
            return session.Signature;
        }
        catch (ModelLoadException exception)
        {
            throw ModelOpsException.Invalid($"The body is not a model {_runtime.Name} can load: {exception.Message}");
        }
    }

    /// <summary>Takes the next version number and writes its Pending record, in one transaction.</summary>
    private async Task<(int Version, string PendingETag)> ReserveVersionAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var model = await _metadata.GetAsync(_options.TableName, name, RegistryKeys.ModelRow, cancellationToken).ConfigureAwait(false);
            var latest = model is null ? 0 : RegistryEntities.LatestVersionOf(model);
            var createdAt = model?.GetDateTimeOffset("CreatedAt") ?? now;
            var next = latest + 1;
            var pending = new TableEntity(name, RegistryKeys.VersionRow(next))
            {
                ["Version"] = next,
                ["State"] = nameof(VersionState.Pending),
                ["CreatedAt"] = now,
            };
            var modelEntity = RegistryEntities.ModelEntity(name, next, createdAt, now);
            TableAction[] actions = model is null
                ? [new TableAction(TableActionKind.Insert, modelEntity), new TableAction(TableActionKind.Insert, pending)]
                : [new TableAction(TableActionKind.Replace, modelEntity, model.ETag), new TableAction(TableActionKind.Insert, pending)];
            try
            {
                var etags = await _metadata.SubmitTransactionAsync(_options.TableName, actions, cancellationToken).ConfigureAwait(false);
                return (next, etags[1] ?? throw new InvalidOperationException("The store returned no ETag for an insert."));
            }
            catch (StorageConflictException) when (attempt < _options.MaxVersionReservationAttempts)
            {
                // Another registration took this number first; read the counter again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Best effort after a failed registration: remove what was written so far. The Pending record is never served either way.</summary>
    private async Task AbandonVersionAsync(string name, int version, string pendingETag)
    {
        try
        {
            await _artifacts.DeleteAsync(_options.ContainerName, RegistryKeys.ArtifactBlob(name, version)).ConfigureAwait(false);
            await _artifacts.DeleteAsync(_options.ContainerName, RegistryKeys.CardBlob(name, version)).ConfigureAwait(false);
            await _metadata.DeleteAsync(_options.TableName, name, RegistryKeys.VersionRow(version), pendingETag).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.AbandonFailed(_logger, name, version, exception);
        }
    }

    private async Task<Dictionary<string, int>> ListAliasesAsync(string name, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        var query = new TableQuery(name, RegistryKeys.RowPrefixFilter(RegistryKeys.AliasPrefix));
        await foreach (var entity in QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            aliases[entity.RowKey[RegistryKeys.AliasPrefix.Length..]] = checked((int)(entity.GetInt64("Version") ?? 0));
        }

        return aliases;
    }

    private async IAsyncEnumerable<TableEntity> QueryAllAsync(
        TableQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = query;
        while (true)
        {
            var result = await _metadata.QueryAsync(_options.TableName, page, cancellationToken).ConfigureAwait(false);
            foreach (var entity in result.Entities)
            {
                yield return entity;
            }

            if (result.ContinuationToken is null)
            {
                yield break;
            }

            page = page with { ContinuationToken = result.ContinuationToken };
        }
    }

    /// <summary>A read-only stream over the bytes, without copying them when they sit in an array.</summary>
    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    private static RegisteredModel ToModel(TableEntity entity, Dictionary<string, int> aliases) => new()
    {
        Name = entity.PartitionKey,
        LatestVersion = RegistryEntities.LatestVersionOf(entity),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        Aliases = aliases,
        ETag = entity.ETag,
    };

    private static bool ETagsEqual(string a, string? b) =>
        string.Equals(a.Trim(), b?.Trim(), StringComparison.Ordinal) || a.Trim() == "*";

    private static ModelOpsException ModelNotFound(string name) => ModelOpsException.NotFound($"Model '{name}' does not exist.");

    private static ModelOpsException StaleETag(string what, Exception? inner) =>
        inner is StorageConflictException { Conflict: StorageConflict.NotFound }
            ? ModelOpsException.NotFound($"The {what} does not exist, so If-Match cannot hold.")
            : new ModelOpsException(ErrorKind.PreconditionFailed, $"The {what} has changed since the ETag you sent; read it again and retry.", inner ?? new InvalidOperationException("stale ETag"));
}
