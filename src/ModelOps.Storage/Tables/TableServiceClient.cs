using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ModelOps.Storage.Connection;

namespace ModelOps.Storage.Tables;

/// <summary>
/// The Table service REST operations the metadata store needs: tables, entity insert/upsert/replace/merge/get/delete,
/// partition queries with continuation, and entity-group transactions ($batch).
/// </summary>
public sealed class TableServiceClient
{
    internal const string JsonMinimal = "application/json;odata=minimalmetadata";
    internal const string JsonFull = "application/json;odata=fullmetadata";
    private static readonly RequestMethod Merge = new("MERGE");
    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;

    internal TableServiceClient(HttpPipeline pipeline, Uri endpoint)
    {
        _pipeline = pipeline;
        _endpoint = endpoint.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>Creates a table; false when it exists already.</summary>
    public async Task<bool> CreateTableAsync(string table, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table }));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 or 204 => true,
            409 when StorageErrors.GetErrorCode(response) == "TableAlreadyExists" => false,
            _ => throw StorageErrors.CreateException(response, $"Create table '{table}'"),
        };
    }

    /// <summary>Insert Entity; <see cref="StorageConflict.AlreadyExists"/> when the keys are taken. Returns the ETag.</summary>
    public async Task<string> InsertEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, "/" + Uri.EscapeDataString(table));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message.Request, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204
            ? StorageResponse.ETag(response)
            : throw StorageErrors.CreateException(response, $"Insert into table '{table}'");
    }

    /// <summary>
    /// Writes an entity with PUT (replace) or MERGE. With <paramref name="ifMatch"/> null, the write is unconditional
    /// (insert-or-replace / insert-or-merge); with "*", the entity must exist; with an ETag, it must be that version.
    /// </summary>
    public async Task<string> UpdateEntityAsync(
        string table,
        TableEntity entity,
        string? ifMatch,
        bool merge,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        EnsureWellFormedETag(ifMatch, table);
        using var message = CreateMessage(merge ? Merge : RequestMethod.Put, EntityPath(table, entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        }

        SetJson(message.Request, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204
            ? StorageResponse.ETag(response)
            : throw StorageErrors.CreateException(response, $"{(merge ? "Merge" : "Replace")} in table '{table}'", notFoundIsConflict: ifMatch is not null);
    }

    /// <summary>Get Entity; null when it does not exist.</summary>
    public async Task<TableEntity?> GetEntityAsync(
        string table,
        string partitionKey,
        string rowKey,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(table, partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, JsonFull);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            // No entity, or no table (so no entity): the port's "does not exist".
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Get from table '{table}'");
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Deserialize(json.RootElement);
        entity.ETag = StorageResponse.Get(response, "ETag") ?? entity.ETag;
        return entity;
    }

    /// <summary>
    /// Table ETags always read <c>W/"datetime'…'"</c>. Any other value (a caller's typo, a blob ETag) can never be an
    /// entity's current version, and the service answers it with 400 InvalidInput rather than 412, so the lost
    /// condition is named here, before sending.
    /// </summary>
    internal static void EnsureWellFormedETag(string? ifMatch, string table)
    {
        if (ifMatch is null or "*" ||
            (ifMatch.StartsWith("W/\"datetime'", StringComparison.Ordinal) && ifMatch.EndsWith("'\"", StringComparison.Ordinal)))
        {
            return;
        }

        throw new StorageConflictException(StorageConflict.ETagMismatch, $"The ETag {ifMatch} is not a version of any entity in table '{table}'.");
    }

    /// <summary>Delete Entity; false when it does not exist. <paramref name="ifMatch"/> null deletes any version.</summary>
    public async Task<bool> DeleteEntityAsync(
        string table,
        string partitionKey,
        string rowKey,
        string? ifMatch = null,
        CancellationToken cancellationToken = default)
    {
        EnsureWellFormedETag(ifMatch, table);
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(table, partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch ?? "*");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(response, $"Delete from table '{table}'"),
        };
    }

    /// <summary>Query Entities: one page matching the OData <paramref name="filter"/>, continuing from the given keys.</summary>
    public async Task<TableQuerySegment> QueryEntitiesAsync(
        string table,
        string? filter,
        int? top,
        string? nextPartitionKey,
        string? nextRowKey,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/" + Uri.EscapeDataString(table) + "()");
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, JsonFull);
        if (!string.IsNullOrEmpty(filter))
        {
            message.Request.Uri.AppendQuery("$filter", filter);
        }

        if (top is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(top));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1000, nameof(top));
            message.Request.Uri.AppendQuery("$top", count.ToString(CultureInfo.InvariantCulture));
        }

        if (nextPartitionKey is not null)
        {
            message.Request.Uri.AppendQuery("NextPartitionKey", nextPartitionKey);
        }

        if (nextRowKey is not null)
        {
            message.Request.Uri.AppendQuery("NextRowKey", nextRowKey);
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Query table '{table}'");
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entities = new List<TableEntity>();
        if (json.RootElement.TryGetProperty("value", out var values))
        {
            foreach (var value in values.EnumerateArray())
            {
                entities.Add(TableEntityJson.Deserialize(value));
            }
        }

        return new TableQuerySegment(
            entities,
            StorageResponse.Get(response, "x-ms-continuation-NextPartitionKey"),
            StorageResponse.Get(response, "x-ms-continuation-NextRowKey"));
    }

    /// <summary>
    /// Entity Group Transaction: all <paramref name="actions"/> (one partition, 1–100, distinct row keys) or none.
    /// Returns the new ETags in action order (null for deletes); a failed action throws for the whole batch.
    /// </summary>
    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(
        string table,
        IReadOnlyList<TableAction> actions,
        CancellationToken cancellationToken = default)
    {
        var batch = new TableBatch(_endpoint, table, actions);
        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.Body);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 202)
        {
            throw StorageErrors.CreateException(response, $"Transaction on table '{table}'");
        }

        return batch.ReadResults(response.Content.ToString());
    }

    /// <summary>The path of one entity: keys quoted (quotes doubled) and percent-encoded.</summary>
    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        "/" + Uri.EscapeDataString(table)
        + "(PartitionKey='" + Uri.EscapeDataString(partitionKey.Replace("'", "''", StringComparison.Ordinal))
        + "',RowKey='" + Uri.EscapeDataString(rowKey.Replace("'", "''", StringComparison.Ordinal)) + "')";

    private static void SetJson(Request request, byte[] body)
    {
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create(body);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_endpoint + path));
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, JsonMinimal);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }
}
