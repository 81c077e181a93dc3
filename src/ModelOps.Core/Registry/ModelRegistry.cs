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
/// <remarks>
/// Serving rules: an alias points only at a Ready version that is not Rejected (and, when the model requires approval,
/// that is Approved); a version an alias points at cannot be rejected or deleted. Unpinned calls use the champion alias,
/// or without one the newest version those rules allow. Numbers: a registration reserves a Pending number first; a crash
/// leaves it to <see cref="RecoverAsync"/> (at start-up, periodically, and whenever a registration meets it after
/// <see cref="RegistryOptions.PendingTimeout"/>), which finishes it when its files are complete and verified or gives
/// the number back. A deleted version or model leaves a tombstone, so no number is ever given twice.
/// </remarks>
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

    /// <summary>Raised after a change in this process that can change which version serves a model (aliases, approval, deletion).</summary>
    public event Action<string>? ServingChanged;

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
        ArgumentNullException.ThrowIfNull(registration);
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
            ApprovalReason = registration.ApprovalReason,
            CreatedAt = now,
            ModelMetadata = signature.Metadata,
        };

        try
        {
            await _artifacts.WriteAsync(name, number, onnx, sha256, cancellationToken).ConfigureAwait(false);
            await _artifacts.WriteCardAsync(name, number, Card(version), cancellationToken).ConfigureAwait(false);
            string etag;
            try
            {
                etag = await _store.ReplaceVersionAsync(version, VersionState.Ready, pendingETag, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreConflictException exception)
            {
                throw new ModelOpsException(
                    ErrorKind.Conflict,
                    string.Create(CultureInfo.InvariantCulture, $"Registering version {number} of model '{name}' took longer than the pending timeout ({_options.PendingTimeout}) and recovery gave its number back; register again."),
                    exception);
            }

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
            await ReleaseAsync(name, number, pendingETag).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<RegisteredModel> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        var model = await RequireModelAsync(name, cancellationToken).ConfigureAwait(false);
        return await DescribeAsync(model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every registered model, in name order.</summary>
    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var models = new List<RegisteredModel>();
        await foreach (var model in _store.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!model.Deleted)
            {
                models.Add(await DescribeAsync(model, cancellationToken).ConfigureAwait(false));
            }
        }

        return models;
    }

    /// <summary>The model's servable versions, oldest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        await RequireModelAsync(name, cancellationToken).ConfigureAwait(false);
        return await ReadyVersionsAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ModelVersion> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        var stored = await _store.GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (stored is { State: VersionState.Ready })
        {
            return stored.Version;
        }

        await RequireModelAsync(name, cancellationToken).ConfigureAwait(false);
        throw ModelOpsException.NotFound(stored is { State: VersionState.Deleted }
            ? string.Create(CultureInfo.InvariantCulture, $"Version {version} of model '{name}' was deleted.")
            : string.Create(CultureInfo.InvariantCulture, $"Model '{name}' has no version {version}."));
    }

    /// <summary>
    /// The version an unpinned call uses: the one <paramref name="alias"/> points at, or, when the model has no such
    /// alias and the alias is <see cref="ChampionAlias"/>, its newest version the serving rules allow.
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

        var model = await RequireModelAsync(name, cancellationToken).ConfigureAwait(false);
        var versions = await ReadyVersionsAsync(name, cancellationToken).ConfigureAwait(false);
        return versions.LastOrDefault(v => ServingProblem(model, v) is null) ?? throw ModelOpsException.NotFound(versions.Count == 0
            ? $"Model '{name}' has no servable version yet."
            : $"Model '{name}' has no version that may serve unpinned calls: each is Rejected{(model.RequireApproval ? " or not yet Approved" : string.Empty)}. Approve one, or call a version by number.");
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

    /// <summary>
    /// Points <paramref name="alias"/> at an existing version the serving rules allow (not Rejected; Approved when the
    /// model requires approval). With <paramref name="ifMatch"/>, only if the alias is unchanged.
    /// </summary>
    public async Task<AliasAssignment> SetAliasAsync(
        string name,
        string alias,
        int version,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(alias, "alias");
        var model = await RequireModelAsync(name, cancellationToken).ConfigureAwait(false);
        ModelVersion target;
        try
        {
            target = await GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Alias '{alias}' cannot point at version {version}: {exception.Message}"));
        }

        if (ServingProblem(model, target) is { } problem)
        {
            throw ModelOpsException.Conflict($"Alias '{alias}' cannot point at version {version} of model '{name}': {problem}");
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
        ServingChanged?.Invoke(name);
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
        ServingChanged?.Invoke(name);
    }

    /// <summary>
    /// Changes a version's description, tags or approval. With <paramref name="ifMatch"/>, only if the record is
    /// unchanged since the caller read it; without, the change is applied to the latest record (never lost to a race).
    /// A version an alias points at cannot be rejected (move the alias first).
    /// </summary>
    public async Task<ModelVersion> UpdateVersionAsync(
        string name,
        int version,
        ModelVersionPatch patch,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var what = string.Create(CultureInfo.InvariantCulture, $"version {version} of model '{name}'");
        if (patch.ApprovalStatus == ApprovalStatus.Rejected && await AliasesOfVersionAsync(name, version, cancellationToken).ConfigureAwait(false) is { Count: > 0 } aliases)
        {
            throw ModelOpsException.Conflict($"Version {version} of model '{name}' cannot be rejected while {Quote(aliases)} point{(aliases.Count == 1 ? "s" : string.Empty)} at it; move {(aliases.Count == 1 ? "it" : "them")} to another version first.");
        }

        while (true)
        {
            var current = await GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
            if (ifMatch is not null && !ETagsEqual(ifMatch, current.ETag))
            {
                throw StaleETag(what, null);
            }

            var updated = current with
            {
                Description = patch.Description ?? current.Description,
                Tags = patch.Tags ?? current.Tags,
                ApprovalStatus = patch.ApprovalStatus ?? current.ApprovalStatus,
                ApprovalReason = patch.ApprovalStatus is null ? current.ApprovalReason : patch.ApprovalReason,
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
                if (patch.ApprovalStatus is not null)
                {
                    ServingChanged?.Invoke(name);
                }

                return updated with { ETag = etag };
            }
            catch (StoreConflictException exception) when (exception.Conflict == StoreConflict.Changed)
            {
                if (ifMatch is not null)
                {
                    throw StaleETag(what, exception);
                }
            }
        }
    }

    /// <summary>
    /// Changes a model's settings; a model without versions yet is created with them (so approval can be required before
    /// the first version). Turning approval on is refused while an alias points at a version that is not Approved
    /// (approve it or move the alias first).
    /// </summary>
    public async Task<RegisteredModel> UpdateModelAsync(string name, ModelSettingsPatch patch, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ModelNames.EnsureValid(name);
        while (true)
        {
            var now = _time.GetUtcNow();
            var model = await _store.GetModelAsync(name, cancellationToken).ConfigureAwait(false) is { Deleted: false } existing
                ? existing
                : ifMatch is null ? new ModelRecord(name, 0, false, false, now, now, string.Empty) : throw ModelNotFound(name);
            if (ifMatch is not null && !ETagsEqual(ifMatch, model.ETag))
            {
                throw StaleETag($"model '{name}'", null);
            }

            if (patch.RequireApproval == true && !model.RequireApproval)
            {
                foreach (var alias in await _store.ListAliasesAsync(name, cancellationToken).ConfigureAwait(false))
                {
                    var target = await _store.GetVersionAsync(name, alias.Version, cancellationToken).ConfigureAwait(false);
                    if (target?.Version.ApprovalStatus != ApprovalStatus.Approved)
                    {
                        throw ModelOpsException.Conflict(string.Create(
                            CultureInfo.InvariantCulture,
                            $"Model '{name}' cannot require approval while alias '{alias.Alias}' points at version {alias.Version}, which is not Approved; approve it or move the alias first."));
                    }
                }
            }

            try
            {
                var updated = await _store.ReplaceModelAsync(
                    model with { RequireApproval = patch.RequireApproval ?? model.RequireApproval, UpdatedAt = now },
                    cancellationToken).ConfigureAwait(false);
                AuditScope.Note(new AuditChange("model.settings", name, $"models/{name}", [.. AuditFields.Of("requireApproval", model.RequireApproval, updated.RequireApproval)]));
                ServingChanged?.Invoke(name);
                return await DescribeAsync(updated, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreConflictException exception) when (exception.Conflict == StoreConflict.Changed && ifMatch is null)
            {
                // A registration moved the counter meanwhile: apply the change to the new record.
            }
            catch (StoreConflictException exception)
            {
                throw StaleETag($"model '{name}'", exception);
            }
        }
    }

    /// <summary>
    /// Deletes a version: its files go, a tombstone stays so the number is never given again. Refused while an alias
    /// points at it.
    /// </summary>
    public async Task DeleteVersionAsync(string name, int version, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var current = await GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (ifMatch is not null && !ETagsEqual(ifMatch, current.ETag))
        {
            throw StaleETag(string.Create(CultureInfo.InvariantCulture, $"version {version} of model '{name}'"), null);
        }

        if (await AliasesOfVersionAsync(name, version, cancellationToken).ConfigureAwait(false) is { Count: > 0 } aliases)
        {
            throw ModelOpsException.Conflict($"Version {version} of model '{name}' cannot be deleted while {Quote(aliases)} point{(aliases.Count == 1 ? "s" : string.Empty)} at it; move {(aliases.Count == 1 ? "it" : "them")} to another version first.");
        }

        await TombstoneAsync(current, cancellationToken).ConfigureAwait(false);
        AuditScope.Note(new AuditChange("version.deleted", name, VersionResource(name, version), [
            .. AuditFields.Of("sha256", current.Sha256, null), .. AuditFields.Of("approvalStatus", current.ApprovalStatus, null)]));
        ServingChanged?.Invoke(name);
    }

    /// <summary>
    /// Deletes a model: every version's files go, tombstones stay (registering the name again continues its numbering).
    /// Refused while the model has aliases.
    /// </summary>
    public async Task DeleteModelAsync(string name, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(name);
        var model = await RequireModelAsync(name, cancellationToken).ConfigureAwait(false);
        if (ifMatch is not null && !ETagsEqual(ifMatch, model.ETag))
        {
            throw StaleETag($"model '{name}'", null);
        }

        var aliases = await _store.ListAliasesAsync(name, cancellationToken).ConfigureAwait(false);
        if (aliases.Count > 0)
        {
            throw ModelOpsException.Conflict($"Model '{name}' cannot be deleted while it has aliases ({Quote(aliases.Select(a => a.Alias).ToList())}); delete them first.");
        }

        foreach (var version in await ReadyVersionsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await TombstoneAsync(version, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _store.ReplaceModelAsync(model with { Deleted = true, UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw StaleETag($"model '{name}'", exception);
        }

        Log.ModelDeleted(_logger, name);
        AuditScope.Note(new AuditChange("model.deleted", name, $"models/{name}", []));
        ServingChanged?.Invoke(name);
    }

    /// <summary>
    /// Repairs what crashed registrations left: every Pending version older than the timeout is finished (its files
    /// complete and verified) or its number given back, and files no version record owns are deleted. Safe to run on
    /// several hosts at once (every write is conditional). Hosts run it at start-up and periodically.
    /// </summary>
    public async Task<RegistryRecovery> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var recovery = new RegistryRecovery();
        await foreach (var model in _store.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            var stale = new List<StoredVersion>();
            await foreach (var stored in _store.ListVersionsAsync(model.Name, cancellationToken).ConfigureAwait(false))
            {
                if (stored.State == VersionState.Pending && IsStale(stored))
                {
                    stale.Add(stored);
                }
            }

            // Newest first: each released number that is the last steps the counter back, so a burst of registrations
            // cut short leaves no gap below the versions that did finish.
            foreach (var pending in stale.OrderByDescending(p => p.Version.Version))
            {
                var finished = await RecoverPendingAsync(model.Name, pending, cancellationToken).ConfigureAwait(false);
                recovery = finished ? recovery with { Finished = recovery.Finished + 1 } : recovery with { Released = recovery.Released + 1 };
            }
        }

        await foreach (var (model, version) in _artifacts.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var stored = await _store.GetVersionAsync(model, version, cancellationToken).ConfigureAwait(false);
            if (stored is null or { State: VersionState.Deleted })
            {
                await _artifacts.DeleteAsync(model, version, cancellationToken).ConfigureAwait(false);
                Log.OrphanFilesDeleted(_logger, model, version);
                recovery = recovery with { OrphansDeleted = recovery.OrphansDeleted + 1 };
            }
        }

        return recovery;
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

    /// <summary>
    /// Takes the next version number and writes its Pending record, in one atomic write. A dead registration's Pending
    /// number in the way (older than the timeout) is recovered first, so its number is finished or given again.
    /// </summary>
    private async Task<(int Version, string PendingETag)> ReserveVersionAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var model = await _store.GetModelAsync(name, cancellationToken).ConfigureAwait(false);
            if (model is { LastNumber: > 0 }
                && await _store.GetVersionAsync(name, model.LastNumber, cancellationToken).ConfigureAwait(false) is { State: VersionState.Pending } last
                && IsStale(last))
            {
                await RecoverPendingAsync(name, last, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var next = (model?.LastNumber ?? 0) + 1;
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

    /// <summary>
    /// Finishes a dead registration whose files are complete (ONNX file and card written, SHA-256 as recorded) or gives
    /// its number back. True when finished.
    /// </summary>
    private async Task<bool> RecoverPendingAsync(string name, StoredVersion pending, CancellationToken cancellationToken)
    {
        var number = pending.Version.Version;
        if (await ReadCompleteCardAsync(name, number, cancellationToken).ConfigureAwait(false) is { } card)
        {
            try
            {
                await _store.ReplaceVersionAsync(card, VersionState.Ready, pending.Version.ETag!, cancellationToken).ConfigureAwait(false);
                Log.PendingFinished(_logger, name, number);
                return true;
            }
            catch (StoreConflictException)
            {
                // Another host recovered it (or the registration woke up and finished) first.
                return true;
            }
        }

        await ReleaseAsync(name, number, pending.Version.ETag!).ConfigureAwait(false);
        return false;
    }

    /// <summary>The version a dead registration wrote completely: the card, and an ONNX file whose bytes hash as recorded.</summary>
    private async Task<ModelVersion?> ReadCompleteCardAsync(string name, int number, CancellationToken cancellationToken)
    {
        var cardBytes = await _artifacts.ReadCardAsync(name, number, cancellationToken).ConfigureAwait(false);
        var recorded = await _artifacts.GetRecordedSha256Async(name, number, cancellationToken).ConfigureAwait(false);
        if (cardBytes is null || recorded is null)
        {
            return null;
        }

        ModelVersion? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelVersion>(cardBytes, ModelOpsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }

        if (card is null || card.Name != name || card.Version != number || card.Sha256 != recorded)
        {
            return null;
        }

        try
        {
            await ReadVerifiedArtifactAsync(card, cancellationToken).ConfigureAwait(false);
            return card;
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.Unavailable)
        {
            return null;
        }
    }

    /// <summary>
    /// Best effort: gives the number back (stepping the counter back when it is still the last), then removes its files.
    /// The record goes first: when it cannot (the registration finished meanwhile, or the counter moved), the files stay
    /// with whatever record owns them. A number that cannot be given back stays Pending: never listed or served,
    /// recovered later; files left without a record are deleted by the next recovery.
    /// </summary>
    private async Task ReleaseAsync(string name, int version, string pendingETag)
    {
        try
        {
            var model = await _store.GetModelAsync(name).ConfigureAwait(false);
            if (model is not null && await _store.TryReleaseVersionAsync(name, version, pendingETag, model, _time.GetUtcNow()).ConfigureAwait(false))
            {
                await _artifacts.DeleteAsync(name, version).ConfigureAwait(false);
                Log.NumberReleased(_logger, name, version);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.AbandonFailed(_logger, name, version, exception);
        }
    }

    private async Task TombstoneAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        try
        {
            await _store.ReplaceVersionAsync(version with { UpdatedAt = _time.GetUtcNow() }, VersionState.Deleted, version.ETag!, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw StaleETag(string.Create(CultureInfo.InvariantCulture, $"version {version.Version} of model '{version.Name}'"), exception);
        }

        await _artifacts.DeleteAsync(version.Name, version.Version, cancellationToken).ConfigureAwait(false);
        Log.VersionDeleted(_logger, version.Name, version.Version);
    }

    private static string VersionResource(string name, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"models/{name}/versions/{version}");

    private bool IsStale(StoredVersion pending) => _time.GetUtcNow() - pending.Version.CreatedAt > _options.PendingTimeout;

    /// <summary>Why a version may not serve unpinned calls under the model's rules; null when it may.</summary>
    private static string? ServingProblem(ModelRecord model, ModelVersion version) => version.ApprovalStatus switch
    {
        ApprovalStatus.Rejected => string.Create(CultureInfo.InvariantCulture, $"version {version.Version} is Rejected."),
        not ApprovalStatus.Approved when model.RequireApproval =>
            string.Create(CultureInfo.InvariantCulture, $"the model requires approval and version {version.Version} is {version.ApprovalStatus}."),
        _ => null,
    };

    private async Task<ModelRecord> RequireModelAsync(string name, CancellationToken cancellationToken) =>
        await _store.GetModelAsync(name, cancellationToken).ConfigureAwait(false) is { Deleted: false } model
            ? model
            : throw ModelNotFound(name);

    private async Task<RegisteredModel> DescribeAsync(ModelRecord model, CancellationToken cancellationToken)
    {
        var aliases = await _store.ListAliasesAsync(model.Name, cancellationToken).ConfigureAwait(false);
        var versions = await ReadyVersionsAsync(model.Name, cancellationToken).ConfigureAwait(false);
        return new RegisteredModel
        {
            Name = model.Name,
            LatestVersion = versions.Count > 0 ? versions[^1].Version : 0,
            RequireApproval = model.RequireApproval,
            CreatedAt = model.CreatedAt,
            UpdatedAt = model.UpdatedAt,
            Aliases = aliases.ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal),
            ETag = model.ETag,
        };
    }

    private async Task<List<ModelVersion>> ReadyVersionsAsync(string name, CancellationToken cancellationToken)
    {
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

    private async Task<List<string>> AliasesOfVersionAsync(string name, int version, CancellationToken cancellationToken) =>
        [.. (await _store.ListAliasesAsync(name, cancellationToken).ConfigureAwait(false)).Where(a => a.Version == version).Select(a => a.Alias)];

    private static byte[] Card(ModelVersion version) => JsonSerializer.SerializeToUtf8Bytes(version, ModelOpsJson.Options);

    private static string Quote(IReadOnlyList<string> aliases) =>
        $"alias{(aliases.Count == 1 ? string.Empty : "es")} {string.Join(", ", aliases.Select(a => $"'{a}'"))}";

    private static bool ETagsEqual(string a, string? b) =>
        string.Equals(a.Trim(), b?.Trim(), StringComparison.Ordinal) || a.Trim() == "*";

    private static ModelOpsException ModelNotFound(string name) => ModelOpsException.NotFound($"Model '{name}' does not exist.");

    private static ModelOpsException StaleETag(string what, Exception? inner) =>
        inner is StoreConflictException { Conflict: StoreConflict.NotFound }
            ? ModelOpsException.NotFound($"The {what} does not exist, so If-Match cannot hold.")
            : new ModelOpsException(ErrorKind.PreconditionFailed, $"The {what} has changed since the ETag you sent; read it again and retry.", inner ?? new InvalidOperationException("stale ETag"));
}
