using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace ModelOps.Storage.Tables;

/// <summary>Reading entities page by page, and one page with a continuation token.</summary>
internal static class TablePaging
{
    /// <summary>Every entity the filter selects, page by page underneath.</summary>
    public static async IAsyncEnumerable<TableEntity> QueryAllAsync(
        TableClient table,
        string filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return entity;
        }
    }

    /// <summary>One page of at most <paramref name="pageSize"/> entities after <paramref name="continuationToken"/>.</summary>
    public static async Task<(IReadOnlyList<TableEntity> Entities, string? ContinuationToken)> QueryPageAsync(
        TableClient table,
        string filter,
        int pageSize,
        string? continuationToken,
        CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize).ConfigureAwait(false))
        {
            return (page.Values, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>An OData filter for the row keys of one partition that start with <paramref name="prefix"/>.</summary>
    public static string RowKeyPrefix(string partitionKey, string prefix)
    {
        var after = string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {after}");
    }
}
