using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Serialization;

namespace ModelOps.Storage.Registry;

/// <summary>
/// The registry's table layout: a partition per model; row <c>model</c> (latest version, times), rows
/// <c>version-{0000000001}</c> (zero-padded, so row order is version order) and rows <c>alias-{name}</c>.
/// </summary>
internal static class RegistryEntities
{
    public const string ModelRow = "model";
    public const string VersionPrefix = "version-";
    public const string AliasPrefix = "alias-";

    public static string VersionRow(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    public static string AliasRow(string alias) => AliasPrefix + alias;

    /// <summary>The model row; <c>LatestVersion</c> is the number counter (its name kept from the first layout).</summary>
    public static TableEntity Model(ModelRecord model) => new(model.Name, ModelRow)
    {
        ["LatestVersion"] = model.LastNumber,
        ["RequireApproval"] = model.RequireApproval,
        ["Deleted"] = model.Deleted,
        ["CreatedAt"] = model.CreatedAt,
        ["UpdatedAt"] = model.UpdatedAt,
    };

    public static ModelRecord ToModel(TableEntity entity) => new(
        entity.PartitionKey,
        Int(entity, "LatestVersion"),
        entity.GetBoolean("RequireApproval") ?? false,
        entity.GetBoolean("Deleted") ?? false,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.ETag.ToString());

    public static TableEntity Pending(string name, int version, DateTimeOffset createdAt) => new(name, VersionRow(version))
    {
        ["Version"] = version,
        ["State"] = nameof(VersionState.Pending),
        ["CreatedAt"] = createdAt,
    };

    public static TableEntity Version(ModelVersion version, VersionState state) => new(version.Name, VersionRow(version.Version))
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
        ["RegisteredBy"] = version.RegisteredBy,
        ["ApprovalStatus"] = version.ApprovalStatus.ToString(),
        ["ApprovalReason"] = version.ApprovalReason,
        ["CreatedAt"] = version.CreatedAt,
        ["UpdatedAt"] = version.UpdatedAt,
        ["ModelMetadata"] = version.ModelMetadata is null ? null : Serialize(version.ModelMetadata),
    };

    public static StoredVersion ToVersion(TableEntity entity) => new(
        new ModelVersion
        {
            Name = entity.PartitionKey,
            Version = Int(entity, "Version"),
            Sha256 = entity.GetString("Sha256") ?? string.Empty,
            Size = entity.TryGetValue("Size", out var size) ? size switch { long l => l, int i => i, _ => 0 } : 0,
            Inputs = Deserialize<List<ValueSpec>>(entity.GetString("Inputs")) ?? [],
            Outputs = Deserialize<List<ValueSpec>>(entity.GetString("Outputs")) ?? [],
            Description = entity.GetString("Description"),
            Tags = Deserialize<Dictionary<string, string>>(entity.GetString("Tags")) ?? [],
            Metrics = Deserialize<Dictionary<string, double>>(entity.GetString("Metrics")) ?? [],
            Source = entity.GetString("Source"),
            RegisteredBy = entity.GetString("RegisteredBy"),
            ApprovalStatus = Enum.TryParse<ApprovalStatus>(entity.GetString("ApprovalStatus"), out var approval)
                ? approval
                : ApprovalStatus.PendingManualApproval,
            ApprovalReason = entity.GetString("ApprovalReason"),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
            ModelMetadata = Deserialize<ModelMetadata>(entity.GetString("ModelMetadata")),
            ETag = entity.ETag.ToString(),
        },
        Enum.TryParse<VersionState>(entity.GetString("State"), out var state) ? state : VersionState.Pending);

    public static TableEntity Alias(string name, string alias, int version, DateTimeOffset updatedAt) => new(name, AliasRow(alias))
    {
        ["Version"] = version,
        ["UpdatedAt"] = updatedAt,
    };

    public static AliasAssignment ToAlias(TableEntity entity) =>
        new(entity.PartitionKey, entity.RowKey[AliasPrefix.Length..], Int(entity, "Version"), entity.ETag.ToString());

    /// <summary>An integer property, whether it was written as Int32 or Int64.</summary>
    private static int Int(TableEntity entity, string property) => entity.TryGetValue(property, out var value)
        ? value switch
        {
            int i => i,
            long l => checked((int)l),
            _ => 0,
        }
        : 0;

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ModelOpsJson.Options);

    private static T? Deserialize<T>(string? json)
        where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, ModelOpsJson.Options);
}
