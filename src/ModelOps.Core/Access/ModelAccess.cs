using System.Globalization;
using ModelOps.Audit;
using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Access;

/// <summary>Per-model access settings and the rule they carry: four-eyes approval.</summary>
public sealed class ModelAccess
{
    private readonly IAccessStore _store;
    private readonly TimeProvider _time;

    public ModelAccess(IAccessStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>The model's settings, or the defaults when it has none.</summary>
    public async Task<ModelAccessSettings> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        return await _store.GetModelSettingsAsync(model, cancellationToken).ConfigureAwait(false) ?? new ModelAccessSettings { Model = model };
    }

    public async Task<ModelAccessSettings> PutAsync(string model, bool fourEyes, Caller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var before = await GetAsync(model, cancellationToken).ConfigureAwait(false);
        ModelAccessSettings stored;
        try
        {
            stored = await _store.PutModelSettingsAsync(
                new ModelAccessSettings { Model = model, FourEyes = fourEyes, UpdatedAt = _time.GetUtcNow(), UpdatedBy = caller.Id },
                ifMatch,
                cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw exception.Conflict == StoreConflict.NotFound
                ? ModelOpsException.NotFound($"Model '{model}' has no access settings yet, so If-Match cannot hold.")
                : new ModelOpsException(ErrorKind.PreconditionFailed, $"The access settings of model '{model}' have changed since ETag {ifMatch}; read them again.", exception);
        }

        AuditScope.Note(new AuditChange("access.model-settings", model, $"models/{model}/access", [.. AuditFields.Of("fourEyes", before.FourEyes, stored.FourEyes)]));
        return stored;
    }

    /// <summary>
    /// Refuses (403) an approval decision on <paramref name="version"/> by the principal that registered it when the
    /// model requires four-eyes approval. Other statuses, and models without four-eyes, pass.
    /// </summary>
    public async Task EnsureMayDecideAsync(Caller caller, ModelVersion version, ApprovalStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(version);
        if (status is not (ApprovalStatus.Approved or ApprovalStatus.Rejected))
        {
            return;
        }

        var settings = await GetAsync(version.Name, cancellationToken).ConfigureAwait(false);
        if (settings.FourEyes && string.Equals(version.RegisteredBy, caller.Id, StringComparison.Ordinal))
        {
            throw new ModelOpsException(ErrorKind.Forbidden, string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{version.Name}' requires four-eyes approval: version {version.Version} was registered by {caller.Display}, so another principal must approve or reject it."));
        }
    }

    /// <summary>Refuses (403) registering a version as already approved or rejected under four-eyes: the registrant would decide.</summary>
    public async Task EnsureMayRegisterWithAsync(string model, ApprovalStatus? status, CancellationToken cancellationToken = default)
    {
        if (status is ApprovalStatus.Approved or ApprovalStatus.Rejected && (await GetAsync(model, cancellationToken).ConfigureAwait(false)).FourEyes)
        {
            throw new ModelOpsException(ErrorKind.Forbidden, $"Model '{model}' requires four-eyes approval: a version cannot be registered as {status}; another principal approves it after registration.");
        }
    }
}
