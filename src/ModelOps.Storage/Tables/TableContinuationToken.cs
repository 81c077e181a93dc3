namespace ModelOps.Storage.Tables;

/// <summary>
/// Packs the service's two continuation keys (NextPartitionKey, NextRowKey) into the single opaque token of
/// <see cref="TablePage.ContinuationToken"/>, and back.
/// </summary>
internal static class TableContinuationToken
{
    public static string? Format(string? nextPartitionKey, string? nextRowKey) =>
        nextPartitionKey is null && nextRowKey is null
            ? null
            : Uri.EscapeDataString(nextPartitionKey ?? string.Empty) + ";" + (nextRowKey is null ? string.Empty : Uri.EscapeDataString(nextRowKey));

    public static (string? NextPartitionKey, string? NextRowKey) Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, null);
        }

        var separator = token.IndexOf(';', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new ArgumentException($"'{token}' is not a continuation token from this store.", nameof(token));
        }

        var partitionKey = Uri.UnescapeDataString(token[..separator]);
        var rowKey = token[(separator + 1)..];
        return (partitionKey, rowKey.Length == 0 ? null : Uri.UnescapeDataString(rowKey));
    }
}
