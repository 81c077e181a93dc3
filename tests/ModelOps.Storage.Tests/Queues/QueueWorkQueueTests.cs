using System.Diagnostics;
using ModelOps.Storage.Queues;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class QueueWorkQueueTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageAccount _account = StorageAccount.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
    private readonly string _queue = AzuriteFixture.UniqueName("queue");

    private QueueWorkQueue Queue => new(_account.Queues);

    public Task InitializeAsync() => Queue.EnsureQueueAsync(_queue);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EnsureQueueAsync_Twice_ReportsExisting()
    {
        Assert.False(await _account.Queues.CreateQueueAsync(_queue));
    }

    [Fact]
    public async Task EnqueueAsync_ThenReceiveAndDelete_RoundTripsTextAndEmptiesQueue()
    {
        const string text = "{\"model\":\"iris\",\"note\":\"ünïcødé <xml> & 日本\"}";
        await Queue.EnqueueAsync(_queue, text);

        var received = await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(30));

        var message = Assert.Single(received);
        Assert.Equal(text, message.Content);
        Assert.Equal(1, message.DequeueCount);
        Assert.True(message.NextVisibleOn > message.InsertedOn);
        await Queue.DeleteAsync(_queue, message);
        Assert.Equal(0, await Queue.GetApproximateCountAsync(_queue));
        Assert.Empty(await Queue.ReceiveAsync(_queue, 32, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task EnqueueAsync_StoresBase64LikeTheAzureSdks()
    {
        await Queue.EnqueueAsync(_queue, "hello");

        // The raw body in the service: the message text is base64 of the UTF-8 bytes.
        var raw = await RawMessageTextAsync();

        Assert.Equal(Convert.ToBase64String("hello"u8.ToArray()), raw);
    }

    [Fact]
    public async Task ReceiveAsync_WhileHidden_ReturnsNothingAndCountStillIncludesIt()
    {
        await Queue.EnqueueAsync(_queue, "job");
        Assert.Single(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(60)));

        Assert.Empty(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(60)));
        Assert.Equal(1, await Queue.GetApproximateCountAsync(_queue));
    }

    [Fact]
    public async Task EnqueueAsync_WithVisibilityDelay_IsNotReceivedYet()
    {
        await Queue.EnqueueAsync(_queue, "later", TimeSpan.FromMinutes(5));

        Assert.Empty(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await Queue.GetApproximateCountAsync(_queue));
    }

    [Fact]
    public async Task ReceiveAsync_AfterVisibilityTimeoutExpires_RedeliversWithHigherDequeueCount()
    {
        await Queue.EnqueueAsync(_queue, "retry me");
        var first = Assert.Single(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(1)));

        // Azurite keeps real time, so poll (bounded) until the message becomes visible again.
        QueueMessage? again = null;
        var deadline = Stopwatch.StartNew();
        while (again is null && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            again = (await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(30))).SingleOrDefault();
            if (again is null)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(again);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.NotEqual(first.PopReceipt, again.PopReceipt);
        var stale = await Assert.ThrowsAsync<StorageConflictException>(() => Queue.DeleteAsync(_queue, first));
        Assert.Equal(StorageConflict.LeaseMismatch, stale.Conflict);
        await Queue.DeleteAsync(_queue, again);
    }

    [Fact]
    public async Task UpdateAsync_ZeroTimeoutAndNewContent_RedeliversNewTextAtOnce()
    {
        await Queue.EnqueueAsync(_queue, "v1");
        var first = Assert.Single(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(60)));

        var receipt = await Queue.UpdateAsync(_queue, first, TimeSpan.Zero, "v2");

        Assert.NotEqual(first.PopReceipt, receipt);
        var second = Assert.Single(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(60)));
        Assert.Equal("v2", second.Content);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task UpdateAsync_ExtendTimeout_KeepsMessageHiddenAndNewReceiptDeletes()
    {
        await Queue.EnqueueAsync(_queue, "long job");
        var message = Assert.Single(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(30)));

        var receipt = await Queue.UpdateAsync(_queue, message, TimeSpan.FromMinutes(10));

        Assert.Empty(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(30)));
        var stale = await Assert.ThrowsAsync<StorageConflictException>(() => Queue.DeleteAsync(_queue, message));
        Assert.Equal(StorageConflict.LeaseMismatch, stale.Conflict);
        await Queue.DeleteAsync(_queue, message with { PopReceipt = receipt });
        Assert.Equal(0, await Queue.GetApproximateCountAsync(_queue));
    }

    [Fact]
    public async Task DeleteAsync_AlreadyDeleted_ThrowsNotFound()
    {
        await Queue.EnqueueAsync(_queue, "once");
        var message = Assert.Single(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(30)));
        await Queue.DeleteAsync(_queue, message);

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Queue.DeleteAsync(_queue, message));

        Assert.Equal(StorageConflict.NotFound, error.Conflict);
    }

    [Fact]
    public async Task ReceiveAsync_MaxMessages_ReturnsUpToThatManyInOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            await Queue.EnqueueAsync(_queue, $"m{i}");
        }

        Assert.Equal(5, await Queue.GetApproximateCountAsync(_queue));
        var three = await Queue.ReceiveAsync(_queue, 3, TimeSpan.FromSeconds(60));
        var rest = await Queue.ReceiveAsync(_queue, 32, TimeSpan.FromSeconds(60));

        Assert.Equal(["m0", "m1", "m2"], three.Select(m => m.Content));
        Assert.Equal(["m3", "m4"], rest.Select(m => m.Content));
    }

    [Fact]
    public async Task ReceiveAsync_MissingQueue_ThrowsRequestExceptionWithCode()
    {
        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => Queue.ReceiveAsync(AzuriteFixture.UniqueName("noqueue"), 1, TimeSpan.FromSeconds(30)));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteAsync_MissingQueue_ThrowsRequestExceptionNotConflict()
    {
        await Queue.EnqueueAsync(_queue, "x");
        var message = Assert.Single(await Queue.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(30)));

        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => Queue.DeleteAsync(AzuriteFixture.UniqueName("noqueue"), message));

        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task EnqueueAsync_AtTheSizeLimit_IsAcceptedAndOneByteMoreIsRefusedUpFront()
    {
        var largest = new string('x', 48 * 1024);

        await Queue.EnqueueAsync(_queue, largest);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Queue.EnqueueAsync(_queue, largest + "x"));

        Assert.Contains("48 KiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(largest, Assert.Single(await Queue.ReceiveAsync(_queue, 32, TimeSpan.FromSeconds(30))).Content);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    public void Decode_TextNotWrittenAsBase64_ReturnsItUnchanged(string text)
    {
        Assert.Equal(text, QueueServiceClient.Decode(text));
    }

    private async Task<string> RawMessageTextAsync()
    {
        // Peek through a plain HTTP client, so the test checks the wire format, not our decoder.
        var endpoint = Storage.Connection.StorageConnectionString.Parse(azurite.ConnectionString).QueueEndpoint;
        var list = await RawStorageRequest.GetXmlAsync(azurite.ConnectionString, endpoint, $"/{_queue}/messages", ("peekonly", "true"));
        return list.Element("QueueMessage")!.Element("MessageText")!.Value;
    }
}
