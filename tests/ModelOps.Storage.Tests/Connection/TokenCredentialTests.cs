using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using ModelOps.Storage.Blobs;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Tests.Connection;

/// <summary>
/// With a token credential (managed identity), requests carry a bearer token for Azure Storage's scope instead of a
/// Shared Key signature. Azurite accepts OAuth only over HTTPS, so this checks the requests at the transport.
/// </summary>
public sealed class TokenCredentialTests
{
    [Fact]
    public async Task EnsureContainerAsync_TokenCredential_SendsBearerTokenForStorageScope()
    {
        var handler = new RecordingHandler(HttpStatusCode.Created);
        var credential = new RecordingCredential();
        var account = CreateAccount(credential, handler);

        await new BlobArtifactStore(account.Blobs).EnsureContainerAsync("models");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://acct.blob.core.windows.net/models?restype=container", request.Uri);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal("2021-12-02", request.Version);
        Assert.NotNull(request.Date);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task EnsureTableAsync_TokenCredential_SendsBearerTokenToTheTableEndpoint()
    {
        var handler = new RecordingHandler(HttpStatusCode.NoContent);
        var account = CreateAccount(new RecordingCredential(), handler);

        await new TableMetadataStore(account.Tables).EnsureTableAsync("registry");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://acct.table.core.windows.net/Tables", request.Uri);
        Assert.Equal("Bearer token-1", request.Authorization);
    }

    private static StorageAccount CreateAccount(TokenCredential credential, HttpMessageHandler handler) =>
        StorageAccount.Create(
            new StorageOptions
            {
                Credential = credential,
                BlobEndpoint = new Uri("https://acct.blob.core.windows.net"),
                QueueEndpoint = new Uri("https://acct.queue.core.windows.net"),
                TableEndpoint = new Uri("https://acct.table.core.windows.net/"),
                MaxRetries = 0,
            },
            TimeProvider.System,
            new HttpClientTransport(new HttpClient(handler)));

    private sealed record SeenRequest(string Uri, string? Authorization, string? Version, string? Date);

    private sealed class RecordingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new SeenRequest(
                request.RequestUri!.AbsoluteUri,
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("x-ms-version", out var version) ? version.Single() : null,
                request.Headers.TryGetValues("x-ms-date", out var date) ? date.Single() : null));
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent([]) });
        }
    }

    private sealed class RecordingCredential : TokenCredential
    {
        private int _issued;

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken($"token-{Interlocked.Increment(ref _issued)}", DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
