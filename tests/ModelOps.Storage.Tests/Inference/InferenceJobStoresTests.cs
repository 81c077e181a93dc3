using System.Text;
using ModelOps.Errors;
using ModelOps.Inference.Jobs;
using ModelOps.Storage.Inference;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Inference;

/// <summary>The stores of queue inference and batch transform against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InferenceJobStoresTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ResultStore_CreateTwice_SecondWritesNothing()
    {
        var store = new BlobInferenceResultStore(StorageTestAccount.Create(azurite));
        var path = new BlobPath("inference-results", "m/1.json");

        Assert.Null(await store.ReadAsync(path));
        Assert.True(await store.TryCreateAsync(path, "{\"n\":1}"u8.ToArray()));
        Assert.False(await store.TryCreateAsync(path, "{\"n\":2}"u8.ToArray()));

        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString((await store.ReadAsync(path))!));
    }

    [Fact]
    public async Task ResultStore_RequestLargerThanAllowed_PayloadTooLarge()
    {
        var account = StorageTestAccount.Create(azurite);
        var store = new BlobInferenceResultStore(account);
        await account.EnsureCreatedAsync();
        await account.Blobs.GetBlobContainerClient(account.Names.BatchInputContainer).GetBlobClient("big.json").UploadAsync(BinaryData.FromBytes(new byte[5000]));

        var refused = await Assert.ThrowsAsync<ModelOpsException>(() => store.ReadRequestAsync(new BlobPath("batch-input", "big.json"), 4096));

        Assert.Equal(ErrorKind.PayloadTooLarge, refused.Kind);
        Assert.Null(await store.ReadRequestAsync(new BlobPath("batch-input", "none.json"), 4096));
    }

    [Fact]
    public async Task Queue_SentAndRawMessages_DecodedOrFlaggedAndReleasedOrPoisoned()
    {
        var account = StorageTestAccount.Create(azurite);
        var queue = new QueueInferenceQueue(account);
        await queue.SendAsync("{\"id\":\"é\"}");
        await account.RawQueues.GetQueueClient(account.Names.InferenceQueue).SendMessageAsync("not base64!");

        var first = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1));
        var encoded = first.Single(m => m.Text is not null);
        var raw = first.Single(m => m.Text is null);
        await queue.ReleaseAsync(encoded, TimeSpan.Zero);
        await queue.MoveToPoisonAsync(raw);
        var again = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1));

        Assert.Equal("{\"id\":\"é\"}", encoded.Text);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"id\":\"é\"}")), encoded.RawText);
        Assert.Equal("not base64!", raw.RawText);
        Assert.Equal(2, Assert.Single(again).DequeueCount);
        var poison = await account.RawQueues.GetQueueClient(account.Names.InferencePoisonQueue).PeekMessagesAsync(32);
        Assert.Equal("not base64!", Assert.Single(poison.Value).Body.ToString());
    }

    [Fact]
    public async Task BatchFiles_PartsWrittenAgainAndComposedTwice_EachPartOnceInOrder()
    {
        var store = new BlobBatchFileStore(StorageTestAccount.Create(azurite));
        var target = new BlobPath("batch-output", "job/data.csv.out");

        await store.WritePartAsync(target, "p-000001", "b1\n"u8.ToArray());
        await store.WritePartAsync(target, "p-000000", "a\n"u8.ToArray());
        await store.WritePartAsync(target, "p-000001", "b2\n"u8.ToArray());
        Assert.Null(await store.ReadAsync(target));
        await store.ComposeAsync(target, ["p-000000", "p-000001"], "text/csv");
        await store.ComposeAsync(target, ["p-000000", "p-000001"], "text/csv");

        Assert.Equal("a\nb2\n", Encoding.UTF8.GetString((await store.ReadAsync(target))!));
    }

    [Fact]
    public async Task BatchFiles_RangeOfAFileThatChanged_Conflict()
    {
        var store = new BlobBatchFileStore(StorageTestAccount.Create(azurite));
        var path = new BlobPath("batch-input", "in/data.csv");
        await store.WriteAsync(path, "0123456789"u8.ToArray(), "text/csv");
        var file = await store.ListAsync(new BlobPath("batch-input", "in/")).SingleAsync();

        using (var range = new StreamReader(await store.OpenReadAsync(file, 3, 4)))
        {
            Assert.Equal("3456", await range.ReadToEndAsync());
        }

        await store.WriteAsync(path, "changed"u8.ToArray(), "text/csv");
        var changed = await Assert.ThrowsAsync<ModelOpsException>(() => store.OpenReadAsync(file, 0, null));
        Assert.Equal(ErrorKind.Conflict, changed.Kind);
    }
}
