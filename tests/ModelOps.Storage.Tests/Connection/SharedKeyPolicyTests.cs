using Azure.Core;
using Azure.Core.Pipeline;
using ModelOps.Storage.Connection;

namespace ModelOps.Storage.Tests.Connection;

/// <summary>
/// String-to-sign vectors derived by hand from the "Authorize with Shared Key" REST reference (version 2009-09-19 and
/// later), and signatures computed independently (Python's hmac over the same string with Azurite's well-known key).
/// </summary>
public sealed class SharedKeyPolicyTests
{
    private static readonly HttpPipeline Pipeline = HttpPipelineBuilder.Build(new TestOptions());

    [Fact]
    public void BuildStringToSign_BlobPutWithMetadata_MatchesReferenceLayout()
    {
        var request = Pipeline.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/mycontainer/hello.txt"));
        request.Headers.SetValue("x-ms-version", "2009-09-19");
        request.Headers.SetValue("x-ms-meta-m2", "v2");
        request.Headers.SetValue("x-ms-date", "Sun, 20 Sep 2009 20:36:40 GMT");
        request.Headers.SetValue("X-MS-Meta-M1", "  v1 ");
        request.Headers.SetValue("Content-Type", "text/plain; charset=UTF-8");
        request.Content = RequestContent.Create("hello world"u8.ToArray());

        var stringToSign = SharedKeyPolicy.BuildStringToSign(request, "devstoreaccount1", SharedKeyScheme.BlobQueue);

        Assert.Equal(
            "PUT\n\n\n11\n\ntext/plain; charset=UTF-8\n\n\n\n\n\n\n"
            + "x-ms-date:Sun, 20 Sep 2009 20:36:40 GMT\nx-ms-meta-m1:v1\nx-ms-meta-m2:v2\nx-ms-version:2009-09-19\n"
            + "/devstoreaccount1/devstoreaccount1/mycontainer/hello.txt",
            stringToSign);
        Assert.Equal(
            "f+fsHxJHRV5NVzi63jNhmThkt620EdcB/uX1322zJVQ=",
            new StorageSharedKeyCredential("devstoreaccount1", StorageConnectionString.DevelopmentAccountKey).ComputeSignature(stringToSign));
    }

    [Fact]
    public void BuildStringToSign_RepeatedQueryParameters_SortsNamesAndJoinsSortedValues()
    {
        // The reference's example: ?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs
        var request = Pipeline.CreateRequest();
        request.Method = RequestMethod.Get;
        request.Uri.Reset(new Uri(
            "https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs"));

        var stringToSign = SharedKeyPolicy.BuildStringToSign(request, "myaccount", SharedKeyScheme.BlobQueue);

        Assert.EndsWith(
            "\n/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container",
            stringToSign,
            StringComparison.Ordinal);
        Assert.StartsWith("GET\n\n\n\n\n\n\n\n\n\n\n\n", stringToSign, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildStringToSign_EscapedQueryValue_UsesDecodedValue()
    {
        var request = Pipeline.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri("https://myaccount.blob.core.windows.net/c/b?comp=block&blockid=YWJj%2B%2F%3D%3D"));

        var stringToSign = SharedKeyPolicy.BuildStringToSign(request, "myaccount", SharedKeyScheme.BlobQueue);

        Assert.EndsWith("\n/myaccount/c/b\nblockid:YWJj+/==\ncomp:block", stringToSign, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildStringToSign_TableRequest_UsesTableLayoutWithDateAndPathOnly()
    {
        var request = Pipeline.CreateRequest();
        request.Method = RequestMethod.Get;
        request.Uri.Reset(new Uri("http://127.0.0.1:10002/devstoreaccount1/Tables?$filter=x"));
        request.Headers.SetValue("x-ms-date", "Sun, 11 Oct 2009 21:49:13 GMT");
        request.Headers.SetValue("x-ms-version", "2021-12-02");

        var stringToSign = SharedKeyPolicy.BuildStringToSign(request, "devstoreaccount1", SharedKeyScheme.Table);

        Assert.Equal("GET\n\n\nSun, 11 Oct 2009 21:49:13 GMT\n/devstoreaccount1/devstoreaccount1/Tables", stringToSign);
        Assert.Equal(
            "SN334W2NJRJzvDKGEv60th4NYsvV4mrQq3CP3YJ2J88=",
            new StorageSharedKeyCredential("devstoreaccount1", StorageConnectionString.DevelopmentAccountKey).ComputeSignature(stringToSign));
    }

    [Fact]
    public void BuildStringToSign_TableRequestWithComp_KeepsOnlyComp()
    {
        var request = Pipeline.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri("https://myaccount.table.core.windows.net/mytable?timeout=30&comp=acl"));
        request.Headers.SetValue("x-ms-date", "Sun, 11 Oct 2009 21:49:13 GMT");
        request.Headers.SetValue("Content-Type", "application/xml");

        var stringToSign = SharedKeyPolicy.BuildStringToSign(request, "myaccount", SharedKeyScheme.Table);

        Assert.Equal("PUT\n\napplication/xml\nSun, 11 Oct 2009 21:49:13 GMT\n/myaccount/mytable?comp=acl", stringToSign);
    }

    private sealed class TestOptions : ClientOptions;
}
