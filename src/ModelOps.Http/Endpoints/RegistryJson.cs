using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Http.Endpoints;

/// <summary>The JSON shapes of registry records.</summary>
internal static class RegistryJson
{
    public static object Model(RegisteredModel model) => new
    {
        name = model.Name,
        latestVersion = model.LatestVersion,
        requireApproval = model.RequireApproval,
        aliases = model.Aliases,
        createdAt = model.CreatedAt,
        updatedAt = model.UpdatedAt,
        etag = model.ETag,
    };

    public static object Version(ModelVersion version) => new
    {
        name = version.Name,
        version = version.Version,
        sha256 = version.Sha256,
        size = version.Size,
        inputs = version.Inputs.Select(SignatureJson.ToProtocol),
        outputs = version.Outputs.Select(SignatureJson.ToProtocol),
        description = version.Description,
        tags = version.Tags,
        metrics = version.Metrics,
        source = version.Source,
        registeredBy = version.RegisteredBy,
        approvalStatus = version.ApprovalStatus,
        approvalReason = version.ApprovalReason,
        createdAt = version.CreatedAt,
        updatedAt = version.UpdatedAt,
        producer = version.ModelMetadata?.ProducerName,
        modelMetadata = version.ModelMetadata?.Custom,
        etag = version.ETag,
    };

    public static object Alias(AliasAssignment alias) => new
    {
        model = alias.Model,
        alias = alias.Alias,
        version = alias.Version,
        etag = alias.ETag,
    };

    public static ModelVersionPatch ReadPatch(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The body must be a JSON object with description, tags, approvalStatus or approvalReason.");
        }

        string? description = null;
        Dictionary<string, string>? tags = null;
        ApprovalStatus? approval = null;
        string? reason = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "description":
                    description = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()
                        : throw ModelOpsException.Invalid("'description' must be a string.");
                    break;
                case "tags":
                    tags = property.Value.ValueKind == JsonValueKind.Object
                        ? property.Value.EnumerateObject().ToDictionary(
                            p => p.Name,
                            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw ModelOpsException.Invalid($"Tag '{p.Name}' must be a string."),
                            StringComparer.Ordinal)
                        : throw ModelOpsException.Invalid("'tags' must be an object of strings.");
                    break;
                case "approvalStatus":
                    approval = ParseApproval(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null);
                    break;
                case "approvalReason":
                    reason = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()
                        : throw ModelOpsException.Invalid("'approvalReason' must be a string.");
                    break;
                default:
                    throw ModelOpsException.Invalid($"'{property.Name}' cannot be changed; a version's description, tags, approvalStatus and approvalReason can.");
            }
        }

        if (reason is not null && approval is null)
        {
            throw ModelOpsException.Invalid("'approvalReason' goes with an 'approvalStatus'.");
        }

        return new ModelVersionPatch { Description = description, Tags = tags, ApprovalStatus = approval, ApprovalReason = reason };
    }

    public static ModelSettingsPatch ReadModelPatch(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The body must be a JSON object, e.g. {\"requireApproval\": true}.");
        }

        bool? requireApproval = null;
        foreach (var property in root.EnumerateObject())
        {
            requireApproval = property.Name switch
            {
                "requireApproval" => property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? property.Value.GetBoolean()
                    : throw ModelOpsException.Invalid("'requireApproval' must be true or false."),
                _ => throw ModelOpsException.Invalid($"'{property.Name}' cannot be changed; a model's requireApproval can."),
            };
        }

        return new ModelSettingsPatch { RequireApproval = requireApproval };
    }

    public static ApprovalStatus ParseApproval(string? value) =>
        Enum.TryParse<ApprovalStatus>(value, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : throw ModelOpsException.Invalid($"approvalStatus '{value}' is not one of {string.Join(", ", Enum.GetNames<ApprovalStatus>())}.");
}
