using Azure;
using ModelOps.Errors;

namespace ModelOps.Storage.Tables;

/// <summary>Optimistic concurrency on Table storage: ETags in, lost conditions out as <see cref="StoreConflictException"/>.</summary>
internal static class TableConcurrency
{
    /// <summary>
    /// The ETag to send for a caller's <c>If-Match</c>: <c>*</c> matches any existing entity; anything that is not a
    /// Table ETag (<c>W/"datetime'…'"</c>) can never match, so it is a lost condition at once rather than a request the
    /// service refuses as malformed.
    /// </summary>
    public static ETag IfMatch(string ifMatch, string what)
    {
        var value = ifMatch.Trim();
        if (value == "*")
        {
            return ETag.All;
        }

        return value.StartsWith("W/\"datetime'", StringComparison.Ordinal) && value.EndsWith("'\"", StringComparison.Ordinal)
            ? new ETag(value)
            : throw new StoreConflictException(StoreConflict.Changed, $"The {what} has changed since ETag {value}.");
    }

    /// <summary>Which lost condition a failed request is, or null when it is some other failure.</summary>
    public static StoreConflict? Classify(RequestFailedException exception) => exception.Status switch
    {
        412 => StoreConflict.Changed,
        409 when exception.ErrorCode == "EntityAlreadyExists" => StoreConflict.AlreadyExists,
        404 when exception.ErrorCode is "ResourceNotFound" or "EntityNotFound" => StoreConflict.NotFound,
        _ => null,
    };

    /// <summary>Runs a conditional write, turning a lost condition into <see cref="StoreConflictException"/>.</summary>
    public static async Task<T> WriteAsync<T>(Func<Task<T>> write, string what)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (Classify(exception) is { } conflict)
        {
            throw new StoreConflictException(conflict, Describe(conflict, what), exception);
        }
    }

    public static string Describe(StoreConflict conflict, string what) => conflict switch
    {
        StoreConflict.AlreadyExists => $"The {what} exists already.",
        StoreConflict.NotFound => $"The {what} does not exist.",
        _ => $"The {what} has changed since it was read.",
    };

    /// <summary>The ETag as the ports carry it.</summary>
    public static string Text(ETag etag) => etag.ToString();

    /// <summary>
    /// Deletes an entity: any state when <paramref name="ifMatch"/> is null, else only that one (a lost condition throws
    /// <see cref="StoreConflictException"/>). False when there was none.
    /// </summary>
    public static async Task<bool> DeleteAsync(Azure.Data.Tables.TableClient table, string partitionKey, string rowKey, string? ifMatch, string what, CancellationToken cancellationToken)
    {
        var match = ifMatch is null ? ETag.All : IfMatch(ifMatch, what);
        try
        {
            var response = await table.DeleteEntityAsync(partitionKey, rowKey, match, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException exception) when (Classify(exception) is { } conflict)
        {
            throw new StoreConflictException(conflict, Describe(conflict, what), exception);
        }
    }
}
