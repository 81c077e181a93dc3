using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ModelOps.Storage.Connection;

namespace ModelOps.Storage;

/// <summary>
/// The storage account as this adapter uses it: the SDK's three service clients with one retry policy, the layout's
/// names, and the one-time creation of the layout's containers and tables.
/// </summary>
public sealed class StorageAccount
{
    private readonly Lock _creating = new();
    private Task? _created;

    public StorageAccount(StorageConnection connection, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        Connection = connection;
        Names = new StorageNames(options.NamePrefix);
        Blobs = connection.CreateBlobServiceClient(Configure(new BlobClientOptions(), options));
        Queues = connection.CreateQueueServiceClient(Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, options));
        RawQueues = connection.CreateQueueServiceClient(Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }, options));
        Tables = connection.CreateTableServiceClient(Configure(new TableClientOptions(), options));
    }

    public StorageConnection Connection { get; }

    public StorageNames Names { get; }

    public BlobServiceClient Blobs { get; }

    /// <summary>Queues with base64 message text, as the Functions queue trigger expects by default.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>
    /// Queues with message text as stored, for receivers that decode it themselves: a message that is not base64 is then
    /// one message to set aside rather than a failure of the whole receive.
    /// </summary>
    public QueueServiceClient RawQueues { get; }

    public TableServiceClient Tables { get; }

    /// <summary>
    /// Creates the layout's containers, tables and queues if they are missing: once per process (at start-up by the
    /// <see cref="StorageInitializer"/>; every store awaits the same task before its first call). A failed attempt
    /// (storage unreachable) is tried again by the next caller.
    /// </summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        lock (_creating)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateLayoutAsync();
            }

            return _created.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateLayoutAsync()
    {
        await Task.WhenAll(Names.Containers.Select(c => Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync())).ConfigureAwait(false);
        await Task.WhenAll(Names.Tables.Select(t => Tables.CreateTableIfNotExistsAsync(t))).ConfigureAwait(false);
        await Task.WhenAll(Names.Queues.Select(q => Queues.GetQueueClient(q).CreateIfNotExistsAsync())).ConfigureAwait(false);
    }

    private static T Configure<T>(T clientOptions, StorageOptions options)
        where T : ClientOptions
    {
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        return clientOptions;
    }
}
