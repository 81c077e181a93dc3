using ModelOps.Storage.Connection;

namespace ModelOps.Storage.Tests.Connection;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void Parse_UseDevelopmentStorage_GivesAzuriteAccountAndStandardPorts()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(StorageConnectionString.DevelopmentAccountKey, parsed.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_UsesThemAndKeepsKeyPadding()
    {
        var parsed = StorageConnectionString.Parse(
            "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5a2V5a2V5a2U=;"
            + "BlobEndpoint=http://127.0.0.1:5000/acct/;QueueEndpoint=http://127.0.0.1:5001/acct;TableEndpoint=http://127.0.0.1:5002/acct;");

        Assert.Equal("acct", parsed.AccountName);
        Assert.Equal("a2V5a2V5a2V5a2U=", parsed.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:5000/acct"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5001/acct"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5002/acct"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_EndpointSuffix_BuildsServiceEndpoints()
    {
        var parsed = StorageConnectionString.Parse(
            "DefaultEndpointsProtocol=https;AccountName=prod01;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://prod01.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("https://prod01.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://prod01.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_NoSuffix_DefaultsToPublicCloudOverHttps()
    {
        var parsed = StorageConnectionString.Parse("AccountName=prod01;AccountKey=a2V5");

        Assert.Equal(new Uri("https://prod01.blob.core.windows.net"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("https://prod01.table.core.windows.net"), parsed.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=a;AccountKey=not*base64", "AccountKey")]
    [InlineData("AccountName=a;AccountKey=a2V5;BlobEndpoint=not a uri", "BlobEndpoint")]
    [InlineData("AccountName=a;AccountKey=a2V5;DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=a;garbage", "garbage")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheSetting(string connectionString, string named)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoKey_LeavesKeyNull()
    {
        var parsed = StorageConnectionString.Parse("AccountName=prod01");

        Assert.Null(parsed.AccountKey);
    }
}
