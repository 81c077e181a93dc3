using System.Text;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Tests.Tables;

/// <summary>The $batch body and response as laid out in the "Performing entity group transactions" REST reference.</summary>
public sealed class TableBatchTests
{
    private static readonly TableAction[] Actions =
    [
        new(TableActionKind.Insert, new TableEntity("p", "a") { ["V"] = 1 }),
        new(TableActionKind.Merge, new TableEntity("p", "b") { ["V"] = 2 }, "W/\"datetime'x'\""),
        new(TableActionKind.Delete, new TableEntity("p", "c")),
    ];

    [Fact]
    public void Body_ThreeActions_OneChangesetOfHttpParts()
    {
        var batch = new TableBatch("http://127.0.0.1:10002/devstoreaccount1", "models", Actions);
        var body = Encoding.UTF8.GetString(batch.Body);
        var batchBoundary = batch.ContentType["multipart/mixed; boundary=".Length..];

        Assert.StartsWith($"--{batchBoundary}\r\nContent-Type: multipart/mixed; boundary=changeset_", body, StringComparison.Ordinal);
        Assert.EndsWith($"--{batchBoundary}--\r\n", body, StringComparison.Ordinal);
        Assert.Contains("POST http://127.0.0.1:10002/devstoreaccount1/models HTTP/1.1\r\n", body, StringComparison.Ordinal);
        Assert.Contains(
            "MERGE http://127.0.0.1:10002/devstoreaccount1/models(PartitionKey='p',RowKey='b') HTTP/1.1\r\n", body, StringComparison.Ordinal);
        Assert.Contains("If-Match: W/\"datetime'x'\"\r\n", body, StringComparison.Ordinal);
        Assert.Contains(
            "DELETE http://127.0.0.1:10002/devstoreaccount1/models(PartitionKey='p',RowKey='c') HTTP/1.1\r\n", body, StringComparison.Ordinal);
        Assert.Contains("If-Match: *\r\n", body, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(body, "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"));
    }

    [Fact]
    public void ReadResults_AllSucceeded_GivesETagsInOrderAndNullForDelete()
    {
        var batch = new TableBatch("http://h/acct", "models", Actions);

        var etags = batch.ReadResults(Response(
            Part("201 Created", "W/\"datetime'1'\""), Part("204 No Content", "W/\"datetime'2'\""), Part("204 No Content", null)));

        Assert.Equal(["W/\"datetime'1'\"", "W/\"datetime'2'\"", null], etags);
    }

    [Fact]
    public void ReadResults_OneFailed_ThrowsConflictNamingTheAction()
    {
        var batch = new TableBatch("http://h/acct", "models", Actions);
        var failure = "HTTP/1.1 412 Precondition Failed\r\nContent-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n"
            + "DataServiceVersion: 3.0;\r\n\r\n"
            + "{\"odata.error\":{\"code\":\"UpdateConditionNotSatisfied\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The update condition specified in the request was not satisfied.\\nRequestId:1\"}}}\r\n";

        var error = Assert.Throws<StorageConflictException>(() => batch.ReadResults(Response(failure)));

        Assert.Equal(StorageConflict.ETagMismatch, error.Conflict);
        Assert.Contains("action 1 (Merge b)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RepeatedRowKey_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new TableBatch("http://h/acct", "models",
        [
            new TableAction(TableActionKind.Upsert, new TableEntity("p", "a")),
            new TableAction(TableActionKind.Delete, new TableEntity("p", "a")),
        ]));
    }

    [Fact]
    public void Constructor_MoreThanHundredActions_ThrowsArgumentException()
    {
        var actions = Enumerable.Range(0, 101).Select(i => new TableAction(TableActionKind.Insert, new TableEntity("p", $"r{i}"))).ToList();

        Assert.Throws<ArgumentException>(() => new TableBatch("http://h/acct", "models", actions));
    }

    private static string Part(string status, string? etag) =>
        $"HTTP/1.1 {status}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 1.0;\r\n"
        + (etag is null ? string.Empty : $"ETag: {etag}\r\n") + "\r\n";

    private static string Response(params string[] parts)
    {
        var body = new StringBuilder("--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n");
        foreach (var part in parts)
        {
            body.Append("--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n").Append(part);
        }

        return body.Append("--changesetresponse_2--\r\n--batchresponse_1--\r\n").ToString();
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
