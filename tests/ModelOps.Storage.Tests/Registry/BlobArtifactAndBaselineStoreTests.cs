using System.Text;
using ModelOps.Storage.Registry;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests.Registry;

[Collection(AzuriteCollection.Name)]
public sealed class BlobArtifactAndBaselineStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ModelArtifact_WriteOpenDelete_AtTheDocumentedPathWithItsSha256()
    {
        var account = StorageTestAccount.Create(azurite);
        var store = new BlobModelArtifactStore(account);
        var onnx = "onnx bytes"u8.ToArray();

        await store.WriteAsync("churn", 3, onnx, "abc123");
        await store.WriteCardAsync("churn", 3, "{}"u8.ToArray());

        await using (var content = await store.OpenAsync("churn", 3))
        {
            using var buffer = new MemoryStream();
            await content!.CopyToAsync(buffer);
            Assert.Equal(onnx, buffer.ToArray());
        }

        var blob = account.Blobs.GetBlobContainerClient(account.Names.ModelsContainer).GetBlobClient("churn/3/model.onnx");
        Assert.Equal("abc123", (await blob.GetPropertiesAsync()).Value.Metadata["sha256"]);
        Assert.True(await account.Blobs.GetBlobContainerClient(account.Names.ModelsContainer).GetBlobClient("churn/3/card.json").ExistsAsync());
        await store.DeleteAsync("churn", 3);
        await store.DeleteAsync("churn", 3);
        Assert.Null(await store.OpenAsync("churn", 3));
    }

    [Fact]
    public async Task Baseline_WriteRead_MissingIsNull()
    {
        var store = new BlobBaselineStore(StorageTestAccount.Create(azurite));

        await store.WriteAsync("churn", 1, "schema.json", Encoding.UTF8.GetBytes("{\"a\":1}"));

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString((await store.ReadAsync("churn", 1, "schema.json"))!));
        Assert.Null(await store.ReadAsync("churn", 2, "schema.json"));
    }
}
