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
            throw ModelOpsException.Invalid("The body must be a JSON object with description, tags or approvalStatus.");
        }

        string? description = null;
        Dictionary<string, string>? tags = null;
        ApprovalStatus? approval = null;
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
                default:
                    throw ModelOpsException.Invalid($"'{property.Name}' cannot be changed; a version's description, tags and approvalStatus can.");
            }
        }

        return new ModelVersionPatch { Description = description, Tags = tags, ApprovalStatus = approval };
    }

    public static ApprovalStatus ParseApproval(string? value) =>
        Enum.TryParse<ApprovalStatus>(value, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : throw ModelOpsException.Invalid($"approvalStatus '{value}' is not one of {string.Join(", ", Enum.GetNames<ApprovalStatus>())}.");
}
