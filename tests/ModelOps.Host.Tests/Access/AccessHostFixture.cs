using ModelOps.Host.Tests.EndToEnd;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.Access;

/// <summary>
/// A host process that accepts bearer tokens from <see cref="TestTokens"/> (the real JwtBearer handler with the tests'
/// public key as its signing key) and records artifact downloads in the audit trail.
/// </summary>
public sealed class AccessHostFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private HostProcess? _host;

    internal TestTokens Tokens { get; } = new();

    internal HostProcess Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _host = await HostProcess.StartAsync(_azurite, new Dictionary<string, string>
        {
            ["ModelOps__Auth__TenantId"] = TestTokens.TenantId,
            ["ModelOps__Auth__Audience"] = TestTokens.Audience,
            ["ModelOps__Auth__SigningKeys__0"] = Tokens.PublicKeyPem,
            ["ModelOps__Audit__ArtifactDownloads"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        Tokens.Dispose();
    }
}
