using Azure.Core;
using Azure.Core.Pipeline;
using ModelOps.Storage.Blobs;
using ModelOps.Storage.Connection;
using ModelOps.Storage.Queues;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage;

/// <summary>
/// One storage account: the Blob, Queue and Table clients over Azure.Core pipelines (retries, logging, authorization)
/// built from <see cref="StorageOptions"/>.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>The scope of bearer tokens for Azure Storage.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    private StorageAccount(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
    {
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    /// <summary>
    /// Builds the clients. Throws <see cref="ArgumentException"/> when the options are incomplete or the connection
    /// string is malformed, so a host fails at start-up rather than on its first request.
    /// </summary>
    public static StorageAccount Create(StorageOptions options, TimeProvider? timeProvider = null) =>
        Create(options, timeProvider, transport: null);

    /// <summary>As <see cref="Create(StorageOptions, TimeProvider?)"/>, over a given transport (tests).</summary>
    internal static StorageAccount Create(StorageOptions options, TimeProvider? timeProvider, HttpPipelineTransport? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        timeProvider ??= TimeProvider.System;
        if (options.BlockSize is < 64 * 1024 or > 100 * 1024 * 1024)
        {
            throw new ArgumentException($"StorageOptions.BlockSize must be between 64 KiB and 100 MiB; it is {options.BlockSize}.", nameof(options));
        }

        if (options.MaxRetries < 0)
        {
            throw new ArgumentException("StorageOptions.MaxRetries must not be negative.", nameof(options));
        }

        var clientOptions = new StorageClientOptions(options);
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        var headers = new StorageHeadersPolicy(options.ApiVersion, timeProvider);
        Uri blobEndpoint, queueEndpoint, tableEndpoint;
        HttpPipelinePolicy blobQueueAuth, tableAuth;
        if (options.Credential is { } credential)
        {
            blobEndpoint = options.BlobEndpoint ?? throw MissingEndpoint(nameof(options.BlobEndpoint));
            queueEndpoint = options.QueueEndpoint ?? throw MissingEndpoint(nameof(options.QueueEndpoint));
            tableEndpoint = options.TableEndpoint ?? throw MissingEndpoint(nameof(options.TableEndpoint));
            blobQueueAuth = new BearerTokenAuthenticationPolicy(credential, TokenScope);
            tableAuth = blobQueueAuth;
        }
        else
        {
            StorageConnectionString parsed;
            try
            {
                parsed = StorageConnectionString.Parse(options.ConnectionString);
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"StorageOptions.ConnectionString is invalid: {ex.Message}", nameof(options), ex);
            }

            if (parsed.AccountKey is null)
            {
                throw new ArgumentException(
                    "StorageOptions.ConnectionString has no AccountKey; give one, or set Credential and the endpoints.",
                    nameof(options));
            }

            var key = new StorageSharedKeyCredential(parsed.AccountName, parsed.AccountKey);
            blobEndpoint = options.BlobEndpoint ?? parsed.BlobEndpoint;
            queueEndpoint = options.QueueEndpoint ?? parsed.QueueEndpoint;
            tableEndpoint = options.TableEndpoint ?? parsed.TableEndpoint;
            blobQueueAuth = new SharedKeyPolicy(key, SharedKeyScheme.BlobQueue);
            tableAuth = new SharedKeyPolicy(key, SharedKeyScheme.Table);
        }

        var blobQueuePipeline = HttpPipelineBuilder.Build(clientOptions, [], [headers, blobQueueAuth], new ResponseClassifier());
        var tablePipeline = HttpPipelineBuilder.Build(clientOptions, [], [headers, tableAuth], new ResponseClassifier());
        return new StorageAccount(
            new BlobServiceClient(blobQueuePipeline, blobEndpoint, options.BlockSize, options.MaxRetries),
            new QueueServiceClient(blobQueuePipeline, queueEndpoint),
            new TableServiceClient(tablePipeline, tableEndpoint));
    }

    private static ArgumentException MissingEndpoint(string name) =>
        new($"StorageOptions.{name} is required when StorageOptions.Credential is set.", "options");
}
