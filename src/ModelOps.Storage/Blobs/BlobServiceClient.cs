using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ModelOps.Storage.Connection;

namespace ModelOps.Storage.Blobs;

/// <summary>
/// The Blob service REST operations the artifact store needs: containers, block blobs (single put or staged blocks),
/// reads, properties, listing, deletes and leases.
/// </summary>
public sealed class BlobServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;
    private readonly int _maxRetries;

    internal BlobServiceClient(HttpPipeline pipeline, Uri endpoint, int blockSize, int maxRetries)
    {
        _pipeline = pipeline;
        _maxRetries = maxRetries;
        _endpoint = endpoint.AbsoluteUri.TrimEnd('/');
        BlockSize = blockSize;
    }

    /// <summary>Content longer than this is uploaded as blocks of this size.</summary>
    public int BlockSize { get; }

    /// <summary>Creates a container; false when it exists already.</summary>
    public async Task<bool> CreateContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, container, null);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => true,
            409 when StorageErrors.GetErrorCode(response) == "ContainerAlreadyExists" => false,
            _ => throw StorageErrors.CreateException(response, $"Create container '{container}'"),
        };
    }

    /// <summary>
    /// Writes a block blob from <paramref name="content"/>, read to its end. Content up to <see cref="BlockSize"/> goes in
    /// one Put Blob; longer content is staged block by block (at most two blocks in memory, never the whole content) and
    /// committed with Put Block List, which carries the conditions.
    /// </summary>
    public async Task<ArtifactInfo> UploadAsync(
        string container,
        string name,
        Stream content,
        ArtifactUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new ArtifactUploadOptions();
        var first = ArrayPool<byte>.Shared.Rent(BlockSize);
        byte[]? next = null;
        try
        {
            var firstLength = await content.ReadAtLeastAsync(first.AsMemory(0, BlockSize), BlockSize, false, cancellationToken)
                .ConfigureAwait(false);
            var nextLength = 0;
            if (firstLength == BlockSize)
            {
                next = ArrayPool<byte>.Shared.Rent(BlockSize);
                nextLength = await content.ReadAtLeastAsync(next.AsMemory(0, BlockSize), BlockSize, false, cancellationToken)
                    .ConfigureAwait(false);
            }

            (string ETag, DateTimeOffset LastModified) written;
            long length = firstLength;
            if (nextLength == 0)
            {
                written = await PutBlobAsync(container, name, first.AsMemory(0, firstLength), options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The commit enforces the conditions atomically; checking them first only spares staging a large upload
                // that is bound to lose.
                await CheckConditionsAsync(container, name, options, cancellationToken).ConfigureAwait(false);
                var blockIds = new List<string>();
                var uploadId = Guid.NewGuid().ToString("N");
                await StageAsync(first.AsMemory(0, firstLength)).ConfigureAwait(false);
                var buffer = next!;
                var read = nextLength;
                while (read > 0)
                {
                    await StageAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                    length += read;
                    if (read < BlockSize)
                    {
                        break;
                    }

                    read = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, false, cancellationToken)
                        .ConfigureAwait(false);
                }

                written = await PutBlockListAsync(container, name, blockIds, options, cancellationToken).ConfigureAwait(false);

                async Task StageAsync(ReadOnlyMemory<byte> block)
                {
                    // Block ids have one length within a blob, and carry this upload's id: concurrent writers of one blob
                    // stage into the same uncommitted list, so shared ids would let one commit another's bytes.
                    var blockId = Convert.ToBase64String(
                        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{uploadId}-{blockIds.Count:D6}")));
                    await PutBlockAsync(container, name, blockId, block, options.LeaseId, cancellationToken).ConfigureAwait(false);
                    blockIds.Add(blockId);
                }
            }

            return new ArtifactInfo(
                container,
                name,
                length,
                written.ETag,
                written.LastModified,
                options.ContentType,
                new Dictionary<string, string>(options.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            if (next is not null)
            {
                ArrayPool<byte>.Shared.Return(next);
            }
        }
    }

    /// <summary>Put Blob: writes <paramref name="content"/> as a whole block blob.</summary>
    public async Task<(string ETag, DateTimeOffset LastModified)> PutBlobAsync(
        string container,
        string name,
        ReadOnlyMemory<byte> content,
        ArtifactUploadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var message = CreateMessage(RequestMethod.Put, container, name);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        ApplyWriteOptions(message.Request, options);
        message.Request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 201
            ? (StorageResponse.ETag(response), StorageResponse.LastModified(response))
            : throw StorageErrors.CreateException(response, $"Upload blob '{container}/{name}'", options.IfMatch is not null);
    }

    /// <summary>Put Block: stages one uncommitted block.</summary>
    public async Task PutBlockAsync(
        string container,
        string name,
        string blockId,
        ReadOnlyMemory<byte> content,
        string? leaseId = null,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, container, name);
        message.Request.Uri.AppendQuery("comp", "block");
        message.Request.Uri.AppendQuery("blockid", blockId);
        if (leaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        message.Request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw StorageErrors.CreateException(response, $"Put block of '{container}/{name}'");
        }
    }

    /// <summary>Put Block List: commits staged blocks, in order, as the blob's content, under the conditions of <paramref name="options"/>.</summary>
    public async Task<(string ETag, DateTimeOffset LastModified)> PutBlockListAsync(
        string container,
        string name,
        IReadOnlyList<string> blockIds,
        ArtifactUploadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockIds);
        ArgumentNullException.ThrowIfNull(options);
        using var message = CreateMessage(RequestMethod.Put, container, name);
        message.Request.Uri.AppendQuery("comp", "blocklist");
        ApplyWriteOptions(message.Request, options);
        var body = new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id)));
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting)));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 201
            ? (StorageResponse.ETag(response), StorageResponse.LastModified(response))
            : throw StorageErrors.CreateException(response, $"Commit blocks of '{container}/{name}'", options.IfMatch is not null);
    }

    /// <summary>
    /// Get Blob: the blob's properties and its content streamed from the network; null when it does not exist. A connection
    /// that breaks while the content is read is resumed from where it stopped (a range request pinned to the blob's ETag,
    /// so a blob replaced meanwhile fails the read with an <see cref="IOException"/> rather than mixing two versions).
    /// </summary>
    public async Task<ArtifactDownload?> DownloadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var message = CreateMessage(RequestMethod.Get, container, name);
        try
        {
            message.BufferResponse = false;
            var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404)
            {
                // No blob, or no container (so no blob): the port's "does not exist".
                return null;
            }

            if (response.Status != 200 || response.ContentStream is null)
            {
                throw StorageErrors.CreateException(response, $"Download blob '{container}/{name}'");
            }

            var info = ReadInfo(response, container, name);
            var content = new ResponseStream(
                message,
                response.ContentStream,
                info.Length,
                (offset, async, ct) => OpenRangeAsync(container, name, info.ETag, offset, async, ct),
                _maxRetries);
            message = null;
            return new ArtifactDownload(info, content);
        }
        finally
        {
            message?.Dispose();
        }
    }

    /// <summary>Get Blob Properties; null when the blob does not exist.</summary>
    public async Task<ArtifactInfo?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Head, container, name);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            200 => ReadInfo(response, container, name),
            404 => null,
            _ => throw StorageErrors.CreateException(response, $"Get properties of blob '{container}/{name}'"),
        };
    }

    /// <summary>List Blobs: one page of blobs whose names start with <paramref name="prefix"/>, with their metadata.</summary>
    public async Task<BlobListSegment> ListBlobsAsync(
        string container,
        string? prefix,
        string? marker,
        int? maxResults = null,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, container, null);
        message.Request.Uri.AppendQuery("restype", "container");
        message.Request.Uri.AppendQuery("comp", "list");
        message.Request.Uri.AppendQuery("include", "metadata");
        if (!string.IsNullOrEmpty(prefix))
        {
            message.Request.Uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            message.Request.Uri.AppendQuery("marker", marker);
        }

        if (maxResults is { } max)
        {
            message.Request.Uri.AppendQuery("maxresults", max.ToString(CultureInfo.InvariantCulture));
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"List blobs of '{container}'");
        }

        var root = XDocument.Parse(response.Content.ToString()).Root
            ?? throw new StorageRequestException(response.Status, null, "List Blobs returned an empty document.");
        var blobs = new List<ArtifactInfo>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var properties = blob.Element("Properties");
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in blob.Element("Metadata")?.Elements() ?? [])
            {
                metadata[item.Name.LocalName] = item.Value;
            }

            var contentType = properties?.Element("Content-Type")?.Value;
            blobs.Add(new ArtifactInfo(
                container,
                blob.Element("Name")?.Value ?? string.Empty,
                long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                StorageResponse.QuoteETag(properties?.Element("Etag")?.Value ?? string.Empty),
                properties?.Element("Last-Modified") is { } modified ? StorageResponse.ParseHttpDate(modified.Value) : default,
                string.IsNullOrEmpty(contentType) ? null : contentType,
                metadata));
        }

        var nextMarker = root.Element("NextMarker")?.Value;
        return new BlobListSegment(blobs, string.IsNullOrEmpty(nextMarker) ? null : nextMarker);
    }

    /// <summary>Delete Blob; false when it does not exist. <paramref name="ifMatch"/> limits it to that version.</summary>
    public async Task<bool> DeleteBlobAsync(
        string container,
        string name,
        string? ifMatch = null,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, container, name);
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(response, $"Delete blob '{container}/{name}'"),
        };
    }

    /// <summary>
    /// Acquires a lease (<paramref name="durationSeconds"/> 15–60, or -1 for infinite); null when another holder has one.
    /// A missing blob is a <see cref="StorageConflict.NotFound"/> conflict.
    /// </summary>
    public async Task<string?> AcquireLeaseAsync(
        string container,
        string name,
        int durationSeconds,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateLeaseMessage(container, name, "acquire", null);
        message.Request.Headers.SetValue("x-ms-lease-duration", durationSeconds.ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => StorageResponse.Get(response, "x-ms-lease-id")
                ?? throw new StorageRequestException(201, null, "Acquire lease returned no x-ms-lease-id."),
            409 when StorageErrors.GetErrorCode(response) == "LeaseAlreadyPresent" => null,
            _ => throw StorageErrors.CreateException(response, $"Acquire lease on '{container}/{name}'", notFoundIsConflict: true),
        };
    }

    /// <summary>Renews a held lease; <see cref="StorageConflict.LeaseMismatch"/> when it is no longer ours.</summary>
    public Task RenewLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken = default) =>
        LeaseActionAsync(container, name, "renew", leaseId, cancellationToken);

    /// <summary>Releases a held lease; <see cref="StorageConflict.LeaseMismatch"/> when it is no longer ours.</summary>
    public Task ReleaseLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken = default) =>
        LeaseActionAsync(container, name, "release", leaseId, cancellationToken);

    private static void ApplyWriteOptions(Request request, ArtifactUploadOptions options)
    {
        if (options.ContentType is not null)
        {
            request.Headers.SetValue("x-ms-blob-content-type", options.ContentType);
        }

        if (options.IfMatch is not null)
        {
            request.Headers.SetValue(HttpHeader.Names.IfMatch, options.IfMatch);
        }

        if (options.OnlyIfAbsent)
        {
            request.Headers.SetValue(HttpHeader.Names.IfNoneMatch, "*");
        }

        if (options.LeaseId is not null)
        {
            request.Headers.SetValue("x-ms-lease-id", options.LeaseId);
        }

        foreach (var (key, value) in options.Metadata ?? new Dictionary<string, string>())
        {
            request.Headers.SetValue("x-ms-meta-" + key, value);
        }
    }

    private static ArtifactInfo ReadInfo(Response response, string container, string name)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }

        return new ArtifactInfo(
            container,
            name,
            response.Headers.ContentLength ?? 0,
            StorageResponse.ETag(response),
            StorageResponse.LastModified(response),
            response.Headers.ContentType,
            metadata);
    }

    private async Task CheckConditionsAsync(string container, string name, ArtifactUploadOptions options, CancellationToken cancellationToken)
    {
        if (!options.OnlyIfAbsent && options.IfMatch is null)
        {
            return;
        }

        var current = await GetPropertiesAsync(container, name, cancellationToken).ConfigureAwait(false);
        if (options.OnlyIfAbsent && current is not null)
        {
            throw new StorageConflictException(StorageConflict.AlreadyExists, $"Upload blob '{container}/{name}': it exists already.");
        }

        if (options.IfMatch is { } ifMatch && current is null)
        {
            // The service answers If-Match on a missing blob with 412, as for a changed one; say the same here.
            throw new StorageConflictException(StorageConflict.ETagMismatch, $"Upload blob '{container}/{name}': it does not exist, so it cannot match {ifMatch}.");
        }

        if (options.IfMatch is { } etag && etag != "*" && current is not null && !string.Equals(current.ETag, etag, StringComparison.Ordinal))
        {
            throw new StorageConflictException(StorageConflict.ETagMismatch, $"Upload blob '{container}/{name}': its ETag is {current.ETag}, not {etag}.");
        }
    }

    private async ValueTask<HttpMessage> OpenRangeAsync(
        string container,
        string name,
        string etag,
        long offset,
        bool async,
        CancellationToken cancellationToken)
    {
        var message = CreateMessage(RequestMethod.Get, container, name);
        try
        {
            message.BufferResponse = false;
            message.Request.Headers.SetValue("x-ms-range", string.Create(CultureInfo.InvariantCulture, $"bytes={offset}-"));
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, etag);
            if (async)
            {
                await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _pipeline.Send(message, cancellationToken);
            }

            if (message.Response.Status != 206)
            {
                throw new IOException(
                    $"Resuming the download of '{container}/{name}' at byte {offset} failed.",
                    StorageErrors.CreateException(message.Response, $"Resume download of '{container}/{name}'"));
            }

            var resumed = message;
            message = null;
            return resumed;
        }
        finally
        {
            message?.Dispose();
        }
    }

    private async Task LeaseActionAsync(string container, string name, string action, string leaseId, CancellationToken cancellationToken)
    {
        using var message = CreateLeaseMessage(container, name, action, leaseId);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"{action} lease on '{container}/{name}'", notFoundIsConflict: true);
        }
    }

    private HttpMessage CreateLeaseMessage(string container, string name, string action, string? leaseId)
    {
        var message = CreateMessage(RequestMethod.Put, container, name);
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        if (leaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        return message;
    }

    private HttpMessage CreateMessage(RequestMethod method, string container, string? name)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        var path = "/" + Uri.EscapeDataString(container);
        if (name is not null)
        {
            // Keep '/' as the virtual-directory separator; escape everything else in each segment.
            path += "/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
        }

        message.Request.Uri.Reset(new Uri(_endpoint + path));
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }
}
