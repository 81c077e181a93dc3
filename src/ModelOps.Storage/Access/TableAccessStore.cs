using Azure.Data.Tables;
using ModelOps.Access;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Access;

/// <summary>
/// <see cref="IAccessStore"/> in the access table: partition <c>assignment</c> (row key: the assignment id) and
/// partition <c>model</c> (row key: the model name) for per-model settings. Both are small: the policy reads every
/// assignment at once and keeps them for a while.
/// </summary>
public sealed class TableAccessStore : IAccessStore
{
    private const string AssignmentPartition = "assignment";
    private const string ModelPartition = "model";
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableAccessStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.AccessTable);
    }

    public async Task<RoleAssignment?> GetAssignmentAsync(string id, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(AssignmentPartition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToAssignment(response.Value!) : null;
    }

    public async Task<IReadOnlyList<RoleAssignment>> ListAssignmentsAsync(CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<RoleAssignment>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AssignmentPartition}");
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            result.Add(ToAssignment(entity));
        }

        return result;
    }

    public async Task<RoleAssignment> PutAssignmentAsync(RoleAssignment assignment, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(AssignmentPartition, assignment.Id)
        {
            ["Principal"] = assignment.Principal,
            ["Role"] = assignment.Role,
            ["Scope"] = assignment.Scope,
            ["Description"] = assignment.Description,
            ["UpdatedAt"] = assignment.UpdatedAt,
            ["UpdatedBy"] = assignment.UpdatedBy,
        };
        var etag = await WriteAsync(entity, ifMatch, $"role assignment '{assignment.Id}'", cancellationToken).ConfigureAwait(false);
        return assignment with { ETag = etag };
    }

    public async Task<bool> DeleteAssignmentAsync(string id, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await TableConcurrency.DeleteAsync(_table, AssignmentPartition, id, ifMatch, $"role assignment '{id}'", cancellationToken).ConfigureAwait(false);
    }

    public async Task<ModelAccessSettings?> GetModelSettingsAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ModelPartition, model, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        return new ModelAccessSettings
        {
            Model = entity.RowKey,
            FourEyes = entity.GetBoolean("FourEyes") ?? false,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
            UpdatedBy = entity.GetString("UpdatedBy"),
            ETag = TableConcurrency.Text(entity.ETag),
        };
    }

    public async Task<ModelAccessSettings> PutModelSettingsAsync(ModelAccessSettings settings, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(ModelPartition, settings.Model)
        {
            ["FourEyes"] = settings.FourEyes,
            ["UpdatedAt"] = settings.UpdatedAt,
            ["UpdatedBy"] = settings.UpdatedBy,
        };
        var etag = await WriteAsync(entity, ifMatch, $"access settings of model '{settings.Model}'", cancellationToken).ConfigureAwait(false);
        return settings with { ETag = etag };
    }

    private async Task<string> WriteAsync(TableEntity entity, string? ifMatch, string what, CancellationToken cancellationToken)
    {
        var response = ifMatch is null
            ? await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
            : await TableConcurrency.WriteAsync(
                () => _table.UpdateEntityAsync(entity, TableConcurrency.IfMatch(ifMatch, what), TableUpdateMode.Replace, cancellationToken),
                what).ConfigureAwait(false);
        return TableConcurrency.Text(response.Headers.ETag!.Value);
    }

    private static RoleAssignment ToAssignment(TableEntity entity) => new()
    {
        Id = entity.RowKey,
        Principal = entity.GetString("Principal") ?? string.Empty,
        Role = entity.GetString("Role") ?? string.Empty,
        Scope = entity.GetString("Scope") ?? string.Empty,
        Description = entity.GetString("Description"),
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? default,
        UpdatedBy = entity.GetString("UpdatedBy") ?? string.Empty,
        ETag = TableConcurrency.Text(entity.ETag),
    };
}
