using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelOps.Storage.Tables;

/// <summary>
/// One entity-group transaction as the Table service's <c>multipart/mixed</c> $batch body (one changeset of
/// <c>application/http</c> parts), and the reading of its response.
/// </summary>
internal sealed class TableBatch
{
    private readonly IReadOnlyList<TableAction> _actions;

    public TableBatch(string endpoint, string table, IReadOnlyList<TableAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > 100)
        {
            throw new ArgumentException($"A transaction holds 1 to 100 actions; this one has {actions.Count}.", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A transaction stays in one partition; '{action.Entity.PartitionKey}' differs from '{partition}'.", nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"A transaction touches each entity once; row key '{action.Entity.RowKey}' repeats.", nameof(actions));
            }
        }

        _actions = actions;
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        ContentType = "multipart/mixed; boundary=" + batchBoundary;
        var body = new StringBuilder();
        body.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            var entity = action.Entity;
            TableServiceClient.EnsureWellFormedETag(action.IfMatch, table);
            var (method, url, ifMatch, hasBody) = action.Kind switch
            {
                TableActionKind.Insert => ("POST", endpoint + "/" + Uri.EscapeDataString(table), null, true),
                TableActionKind.Upsert => ("PUT", endpoint + TableServiceClient.EntityPath(table, entity.PartitionKey, entity.RowKey), null, true),
                TableActionKind.Replace => ("PUT", endpoint + TableServiceClient.EntityPath(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? "*", true),
                TableActionKind.Merge => ("MERGE", endpoint + TableServiceClient.EntityPath(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? "*", true),
                TableActionKind.Delete => ("DELETE", endpoint + TableServiceClient.EntityPath(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? "*", false),
                _ => throw new ArgumentException($"Unknown table action {action.Kind}.", nameof(actions)),
            };
            body.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(TableServiceClient.JsonMinimal).Append("\r\n")
                .Append("DataServiceVersion: 3.0\r\n");
            if (action.Kind == TableActionKind.Insert)
            {
                body.Append("Prefer: return-no-content\r\n");
            }

            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (hasBody)
            {
                body.Append("Content-Type: application/json\r\n\r\n")
                    .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        Body = Encoding.UTF8.GetBytes(body.ToString());
    }

    public string ContentType { get; }

    public byte[] Body { get; }

    /// <summary>
    /// The ETags of a successful batch in action order; throws the conflict or request error of the action that failed
    /// (the service then reports that one action alone, the whole changeset having been rolled back).
    /// </summary>
    public IReadOnlyList<string?> ReadResults(string responseBody)
    {
        var parts = ParseParts(responseBody);
        var failed = parts.FindIndex(p => p.Status >= 300);
        if (failed >= 0)
        {
            throw CreateException(parts[failed]);
        }

        if (parts.Count != _actions.Count)
        {
            throw new StorageRequestException(
                202, null, $"The transaction's response has {parts.Count} parts for {_actions.Count} actions.");
        }

        return _actions.Select((a, i) => a.Kind == TableActionKind.Delete ? null : parts[i].ETag).ToList();
    }

    private Exception CreateException(Part part)
    {
        string? code = null;
        var text = part.Body;
        try
        {
            using var json = JsonDocument.Parse(part.Body);
            if (json.RootElement.TryGetProperty("odata.error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                if (error.TryGetProperty("message", out var m))
                {
                    text = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() ?? text : m.ToString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the raw text.
        }

        // The service prefixes the message with the failed action's index, e.g. "1:The specified entity already exists.".
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var index = colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
        var which = index >= 0 && index < _actions.Count ? $"action {index} ({_actions[index].Kind} {_actions[index].Entity.RowKey})" : "an action";
        var firstLine = text.Split('\n')[0].Trim();
        var message = $"Transaction failed at {which}: {part.Status} {code} {firstLine}".TrimEnd();
        return StorageErrors.Classify(part.Status, code, notFoundIsConflict: true) is { } conflict
            ? new StorageConflictException(conflict, message)
            : new StorageRequestException(part.Status, code, message);
    }

    private static List<Part> ParseParts(string body)
    {
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var parts = new List<Part>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var status = int.Parse(lines[i].AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            string? etag = null;
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && lines[i].AsSpan(0, colon).Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            parts.Add(new Part(status, etag, content.ToString().Trim()));
        }

        return parts;
    }

    private sealed record Part(int Status, string? ETag, string Body);
}
