using Azure.Identity;
using Microsoft.Extensions.Configuration;
using ModelOps.Storage.Connection;

namespace ModelOps.Storage.Tests.Connection;

/// <summary>Reading <c>AzureWebJobsStorage</c> as the Functions runtime does.</summary>
public sealed class StorageConnectionTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void FromConfiguration_ConnectionString_IsUsedAsIs()
    {
        var connection = StorageConnection.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.CreateBlobServiceClient(new()).Uri);
    }

    [Fact]
    public void FromConfiguration_NothingSet_IsAzuriteOnItsStandardPorts()
    {
        var connection = StorageConnection.FromConfiguration(Settings());

        Assert.Equal(StorageConnection.DevelopmentStorage, connection.ConnectionString);
    }

    [Fact]
    public void FromConfiguration_AccountName_IsIdentityBasedOnTheAccountsEndpoints()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "modelopsprod"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://modelopsprod.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://modelopsprod.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://modelopsprod.table.core.windows.net"), connection.TableServiceUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void FromConfiguration_ServiceUrisWithoutCredential_UseDefaultAzureCredential()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:blobServiceUri", "https://acct.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://acct.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.windows.net")));

        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.CreateTableServiceClient(new()).Uri);
    }

    [Fact]
    public void FromConfiguration_ServicePrincipal_UsesAClientSecretCredential()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "acct"),
            ("AzureWebJobsStorage:tenantId", "tenant"),
            ("AzureWebJobsStorage:clientId", "client"),
            ("AzureWebJobsStorage:clientSecret", "secret")));

        Assert.IsType<ClientSecretCredential>(connection.Credential);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "AccountName=x;AccountKey=not base64!!;DefaultEndpointsProtocol=https", "'AzureWebJobsStorage' is not a valid storage connection string")]
    [InlineData("AzureWebJobsStorage", "just some text", "'AzureWebJobsStorage' is not a valid storage connection string")]
    [InlineData("AzureWebJobsStorage:credential", "managedidentity", "No storage connection")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "https://acct.blob.core.windows.net", "missing: 'AzureWebJobsStorage__queueServiceUri', 'AzureWebJobsStorage__tableServiceUri'")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "not a uri", "'AzureWebJobsStorage__blobServiceUri' must be an absolute http(s) URI")]
    [InlineData("AzureWebJobsStorage:accountName", "Bad_Name", "'AzureWebJobsStorage__accountName' must be a storage account name")]
    public void FromConfiguration_BadSetting_IsAnErrorNamingIt(string key, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Settings((key, value))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_UnknownCredentialKind_IsAnErrorNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "acct"), ("AzureWebJobsStorage:credential", "password"))));

        Assert.Contains("'AzureWebJobsStorage__credential' must be 'managedidentity'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConnectionString_Malformed_NeverEchoesTheKey()
    {
        var secret = AzuriteKey + "!";
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConnectionString($"AccountName=acct;AccountKey={secret};BlobEndpoint=::bad"));

        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteKey, error.Message, StringComparison.Ordinal);
    }
}
