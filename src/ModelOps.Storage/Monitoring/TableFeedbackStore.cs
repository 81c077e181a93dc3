using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ModelOps.Monitoring.Feedback;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Monitoring;

/// <summary>
/// <see cref="IFeedbackStore"/> in the feedback table: a partition per model, a row per request id and row
/// (<c>{id}#{row}</c>, the id escaped as a key), written in transactions of up to 100.
/// </summary>
public sealed class TableFeedbackStore : IFeedbackStore
{
    private const int TransactionSize = 100;
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableFeedbackStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.FeedbackTable);
    }

    public async Task AddAsync(string model, IReadOnlyList<FeedbackLabel> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in labels.Chunk(TransactionSize))
        {
            var actions = chunk.Select(label => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(model, RowKey(label))
            {
                ["Id"] = label.Id,
                ["Row"] = label.Row,
                ["Text"] = label.Text,
                ["Number"] = label.Number,
                ["ReceivedAt"] = label.ReceivedAt,
            }));
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<FeedbackLabel> ListAsync(string model, DateTimeOffset receivedFrom, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and ReceivedAt ge {receivedFrom}");
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return new FeedbackLabel(
                entity.GetString("Id") ?? string.Empty,
                entity.GetInt32("Row") ?? 0,
                entity.GetString("Text"),
                entity.GetDouble("Number"),
                entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue);
        }
    }

    private static string RowKey(FeedbackLabel label) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TableKeys.Escape(label.Id)}%23{label.Row}");
}
