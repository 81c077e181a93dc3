using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Audit;
using ModelOps.Errors;
using ModelOps.Runtime;
using ModelOps.Serialization;

namespace ModelOps.Registry;

/// <summary>
/// The model registry: versions counted from 1 per model, artifacts verified by SHA-256, aliases, approval and
/// optimistic concurrency on every record. Records live in the <see cref="IRegistryStore"/>, files in the
/// <see cref="IModelArtifactStore"/>.
/// </summary>
public sealed class ModelRegistry
{
    public const string ChampionAlias = "champion";

    private readonly IModelArtifactStore _artifacts;
    private readonly IRegistryStore _store;
    private readonly IModelRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly RegistryOptions _options;
    private readonly ILogger<ModelRegistry> _logger;

    public ModelRegistry(
        IModelArtifactStore artifacts,
        IRegistryStore store,
        IModelRuntime runtime,
        TimeProvider time,
        IOptions<RegistryOptions> options,
        ILogger<ModelRegistry> logger)
    {
        _artifacts = artifacts;
        _store = store;
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
            RegisteredBy = registration.RegisteredBy,
            ApprovalStatus = registration.ApprovalStatus ?? ApprovalStatus.PendingManualApproval,
            CreatedAt = now,
            ModelMetadata = signature.Metadata,
        };

        try
        {
            await _artifacts.WriteAsync(name, number, onnx, sha256, cancellationToken).ConfigureAwait(false);
            await _artifacts.WriteCardAsync(name, number, JsonSerializer.SerializeToUtf8Bytes(version, ModelOpsJson.Options), cancellationToken)
                .ConfigureAwait(false);
            var etag = await _store.ReplaceVersionAsync(version, VersionState.Ready, pendingETag, cancellationToken).ConfigureAwait(false);
            Log.VersionRegistered(_logger, name, number, sha256, onnx.Length);
            AuditScope.Note(new AuditChange("version.registered", name, VersionResource(name, number), [
                .. AuditFields.Of("version", null, number),
                .. AuditFields.Of("sha256", null, sha256),
                .. AuditFields.Of("approvalStatus", null, version.ApprovalStatus),
                .. AuditFields.Of("registeredBy", null, version.RegisteredBy)]));
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
        var model = await _store.GetModelAsync(name, cancellationToken).ConfigureAwait(false) ?? throw ModelNotFound(name);
        return model with { Aliases = await AliasesOfAsync(name, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Every registered model, in name order.</summary>
    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var models = new List<RegisteredModel>();
        await foreach (var model in _store.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(model with { Aliases = await AliasesOfAsync(model.Name, cancellationToken).ConfigureAwait(false) });
        }

        return models;
    }

    /// <summary>The model's servable versions, oldest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        await GetModelAsync(name, cancellationToken).ConfigureAwait(false);
        var versions = new List<ModelVersion>();
        await foreach (var stored in _store.ListVersionsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            if (stored.State == VersionState.Ready)
            {
                versions.Add(stored.Version);
            }
        }

        return versions;
    }

    public async Task<ModelVersion> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        var stored = await _store.GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (stored is not { State: VersionState.Ready })
        {
            var modelExists = await _store.GetModelAsync(name, cancellationToken).ConfigureAwait(false) is not null;
            throw modelExists
                ? ModelOpsException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Model '{name}' has no version {version}."))
                : ModelNotFound(name);
        }

        return stored.Version;
    }

    /// <summary>
    /// The version an unpinned call uses: the one <paramref name="alias"/> points at, or, when the model has no
    /// such alias and the alias is <see cref="ChampionAlias"/>, its newest version.
    /// </summary>
    public async Task<ModelVersion> ResolveAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        if (await _store.GetAliasAsync(name, alias, cancellationToken).ConfigureAwait(false) is { } assignment)
        {
            return await GetVersionAsync(name, assignment.Version, cancellationToken).ConfigureAwait(false);
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
    public async Task<Stream> OpenArtifactAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        return await _artifacts.OpenAsync(version.Name, version.Version, cancellationToken).ConfigureAwait(false) ?? throw new ModelOpsException(
            ErrorKind.Unavailable,
            string.Create(CultureInfo.InvariantCulture, $"The artifact of model '{version.Name}' version {version.Version} is missing from storage."));
    }

    /// <summary>
    /// Loads a version's artifact into memory and checks its SHA-256 against the registered one.
    /// </summary>
    public async Task<byte[]> ReadVerifiedArtifactAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        var content = await OpenArtifactAsync(version, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(checked((int)Math.Max(version.Size, 0)));
            await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
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

        var before = await _store.GetAliasAsync(name, alias, cancellationToken).ConfigureAwait(false);
        AliasAssignment assignment;
        try
        {
            assignment = await _store.SetAliasAsync(name, alias, version, _time.GetUtcNow(), ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw StaleETag($"alias '{alias}' of model '{name}'", exception);
        }

        Log.AliasSet(_logger, name, alias, version);
        AuditScope.Note(new AuditChange("alias.set", name, $"models/{name}/aliases/{alias}", [.. AuditFields.Of("version", before?.Version, version)]));
        AliasesChanged?.Invoke(name);
        return assignment;
    }

    public async Task<AliasAssignment> GetAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        ModelNames.EnsureValid(alias, "alias");
        return await _store.GetAliasAsync(name, alias, cancellationToken).ConfigureAwait(false)
            ?? throw ModelOpsException.NotFound($"Model '{name}' has no alias '{alias}'.");
    }

    public async Task DeleteAliasAsync(string name, string alias, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        ModelNames.EnsureValid(alias, "alias");
        var before = await _store.GetAliasAsync(name, alias, cancellationToken).ConfigureAwait(false);
        bool deleted;
        try
        {
            deleted = await _store.DeleteAliasAsync(name, alias, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw StaleETag($"alias '{alias}' of model '{name}'", exception);
        }

        if (!deleted)
        {
            throw ModelOpsException.NotFound($"Model '{name}' has no alias '{alias}'.");
        }

        AuditScope.Note(new AuditChange("alias.deleted", name, $"models/{name}/aliases/{alias}", [.. AuditFields.Of("version", before?.Version, null)]));
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
                var etag = await _store.ReplaceVersionAsync(updated, VersionState.Ready, current.ETag!, cancellationToken).ConfigureAwait(false);
                AuditScope.Note(new AuditChange(
                    updated.ApprovalStatus != current.ApprovalStatus ? "version.approval" : "version.patched",
                    name,
                    VersionResource(name, version),
                    [
                        .. AuditFields.Of("description", current.Description, updated.Description),
                        .. AuditFields.Of("tags", current.Tags, updated.Tags),
                        .. AuditFields.Of("approvalStatus", current.ApprovalStatus, updated.ApprovalStatus),
                    ]));
                return updated with { ETag = etag };
            }
            catch (StoreConflictException exception) when (exception.Conflict == StoreConflict.Changed)
            {
                if (ifMatch is not null)
                {
                    throw StaleETag(string.Create(CultureInfo.InvariantCulture, $"version {version} of model '{name}'"), exception);
                }
            }
        }
    }

    /// <summary>Asks storage for one record: succeeds when the registry's store answers.</summary>
    public Task CheckStorageAsync(CancellationToken cancellationToken = default) => _store.CheckAsync(cancellationToken);

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

    /// <summary>Takes the next version number and writes its Pending record, in one atomic write.</summary>
    private async Task<(int Version, string PendingETag)> ReserveVersionAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var model = await _store.GetModelAsync(name, cancellationToken).ConfigureAwait(false);
            var next = (model?.LatestVersion ?? 0) + 1;
            if (await _store.TryReserveVersionAsync(name, next, model, now, cancellationToken).ConfigureAwait(false) is { } pendingETag)
            {
                return (next, pendingETag);
            }

            if (attempt >= _options.MaxVersionReservationAttempts)
            {
                throw new ModelOpsException(
                    ErrorKind.Conflict,
                    string.Create(CultureInfo.InvariantCulture, $"Model '{name}' is being registered by too many callers at once; {attempt} attempts lost the race for a version number. Try again."));
            }

            // Another registration took this number first; read the counter again after a short, jittered pause.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Best effort after a failed registration: remove what was written so far. The Pending record is never served either way.</summary>
    private async Task AbandonVersionAsync(string name, int version, string pendingETag)
    {
        try
        {
            await _artifacts.DeleteAsync(name, version).ConfigureAwait(false);
            await _store.DeleteVersionAsync(name, version, pendingETag).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.AbandonFailed(_logger, name, version, exception);
        }
    }

    private async Task<Dictionary<string, int>> AliasesOfAsync(string name, CancellationToken cancellationToken)
    {
        var aliases = await _store.ListAliasesAsync(name, cancellationToken).ConfigureAwait(false);
        return aliases.ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal);
    }

    private static string VersionResource(string name, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"models/{name}/versions/{version}");

    private static bool ETagsEqual(string a, string? b) =>
        string.Equals(a.Trim(), b?.Trim(), StringComparison.Ordinal) || a.Trim() == "*";

    private static ModelOpsException ModelNotFound(string name) => ModelOpsException.NotFound($"Model '{name}' does not exist.");

    private static ModelOpsException StaleETag(string what, Exception? inner) =>
        inner is StoreConflictException { Conflict: StoreConflict.NotFound }
            ? ModelOpsException.NotFound($"The {what} does not exist, so If-Match cannot hold.")
            : new ModelOpsException(ErrorKind.PreconditionFailed, $"The {what} has changed since the ETag you sent; read it again and retry.", inner ?? new InvalidOperationException("stale ETag"));
}
