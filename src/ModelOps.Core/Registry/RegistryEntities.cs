using System.Text.Json;
using ModelOps.Runtime;
using ModelOps.Serialization;
using ModelOps.Storage;

namespace ModelOps.Registry;

/// <summary>Maps registry records to and from table entities.</summary>
internal static class RegistryEntities
{
    public static TableEntity ToEntity(ModelVersion version, VersionState state)
    {
        var entity = new TableEntity(version.Name, RegistryKeys.VersionRow(version.Version))
        {
            ["Version"] = version.Version,
            ["State"] = state.ToString(),
            ["Sha256"] = version.Sha256,
            ["Size"] = version.Size,
            ["Inputs"] = Serialize(version.Inputs),
            ["Outputs"] = Serialize(version.Outputs),
            ["Description"] = version.Description,
            ["Tags"] = Serialize(version.Tags),
            ["Metrics"] = Serialize(version.Metrics),
            ["Source"] = version.Source,
            ["ApprovalStatus"] = version.ApprovalStatus.ToString(),
            ["CreatedAt"] = version.CreatedAt,
            ["UpdatedAt"] = version.UpdatedAt,
            ["ModelMetadata"] = version.ModelMetadata is null ? null : Serialize(version.ModelMetadata),
        };
        return entity;
    }

    public static VersionState StateOf(TableEntity entity) =>
        Enum.TryParse<VersionState>(entity.GetString("State"), out var state) ? state : VersionState.Pending;

    public static ModelVersion ToVersion(TableEntity entity) => new()
    {
        Name = entity.PartitionKey,
        Version = checked((int)(entity.GetInt64("Version") ?? 0)),
        Sha256 = entity.GetString("Sha256") ?? string.Empty,
        Size = entity.GetInt64("Size") ?? 0,
        Inputs = Deserialize<List<ValueSpec>>(entity.GetString("Inputs")) ?? [],
        Outputs = Deserialize<List<ValueSpec>>(entity.GetString("Outputs")) ?? [],
        Description = entity.GetString("Description"),
        Tags = Deserialize<Dictionary<string, string>>(entity.GetString("Tags")) ?? [],
        Metrics = Deserialize<Dictionary<string, double>>(entity.GetString("Metrics")) ?? [],
        Source = entity.GetString("Source"),
        ApprovalStatus = Enum.TryParse<ApprovalStatus>(entity.GetString("ApprovalStatus"), out var approval)
            ? approval
            : ApprovalStatus.PendingManualApproval,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
        ModelMetadata = Deserialize<ModelMetadata>(entity.GetString("ModelMetadata")),
        ETag = entity.ETag,
    };

    public static TableEntity ModelEntity(string name, int latestVersion, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(name, RegistryKeys.ModelRow)
        {
            ["LatestVersion"] = latestVersion,
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
        };

    public static TableEntity AliasEntity(string name, string alias, int version, DateTimeOffset updatedAt) =>
        new(name, RegistryKeys.AliasRow(alias))
        {
            ["Version"] = version,
            ["UpdatedAt"] = updatedAt,
        };

    public static int LatestVersionOf(TableEntity modelEntity) => checked((int)(modelEntity.GetInt64("LatestVersion") ?? 0));

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ModelOpsJson.Options);

    private static T? Deserialize<T>(string? json)
        where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, ModelOpsJson.Options);
}
