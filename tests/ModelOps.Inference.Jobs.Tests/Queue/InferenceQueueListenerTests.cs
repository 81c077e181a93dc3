using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Inference.Jobs.Queue;
using ModelOps.Inference.Jobs.Tests.Support;
using ModelOps.Registry;
using ModelOps.Testing;

namespace ModelOps.Inference.Jobs.Tests.Queue;

/// <summary>The local host's listener on a real Azurite queue: the Functions trigger's rules for good, bad, undecodable and failing messages.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InferenceQueueListenerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Listener_GoodAndBadMessages_EachGetsItsResultAndLeavesTheQueue()
    {
        await using var host = await JobsHost.StartAsync(azurite, listener: true);
        await host.Registry.RegisterAsync("churn", TrainedModels.GradientBoosted, new ModelRegistration());
        var queue = host.Services.GetRequiredService<IInferenceQueue>();

        await queue.SendAsync("""{"id":"good","model":"churn","rows":[{"x1":1.8,"x2":-1.5,"color":"red"}]}""");
        await queue.SendAsync("""{"id":"bad","model":"churn","rows":[{"nope":1}]}""");

        Assert.Equal("Succeeded", (await WaitForResultAsync(host, "churn/good.json")).GetProperty("status").GetString());
        Assert.Equal("Failed", (await WaitForResultAsync(host, "churn/bad.json")).GetProperty("status").GetString());
        await WaitUntilAsync(async () => await CountAsync(host) == 0);
        Assert.Empty(await host.PeekAsync(poison: true));
    }

    [Fact]
    public async Task Listener_SameIdTwice_OneResult()
    {
        await using var host = await JobsHost.StartAsync(azurite, listener: true);
        await host.Registry.RegisterAsync("churn", TrainedModels.GradientBoosted, new ModelRegistration());
        var queue = host.Services.GetRequiredService<IInferenceQueue>();

        await queue.SendAsync("""{"id":"dup","model":"churn","rows":[{"x1":1.8,"x2":-1.5,"color":"red"}]}""");
        await queue.SendAsync("""{"id":"dup","model":"churn","rows":[{"x1":-1.8,"x2":1.5,"color":"blue"}]}""");
        await WaitUntilAsync(async () => await CountAsync(host) == 0);

        Assert.Equal(["churn/dup.json"], await host.ListAsync("inference-results", "churn/"));
        Assert.Empty(await host.PeekAsync(poison: true));
    }

    [Fact]
    public async Task Listener_MessageNotBase64_MovesToPoisonAtOnceAsStored()
    {
        await using var host = await JobsHost.StartAsync(azurite, listener: true);

        await host.SendRawAsync("""{"id":"plain","model":"churn","rows":[]}""");

        await WaitUntilAsync(async () => (await host.PeekAsync(poison: true)).Count == 1);
        Assert.Equal(["""{"id":"plain","model":"churn","rows":[]}"""], await host.PeekAsync(poison: true));
        Assert.Empty(await host.PeekAsync(poison: false));
        Assert.Empty(await host.ListAsync("inference-results", string.Empty));
    }

    [Fact]
    public async Task Listener_TransientFailureEveryTime_PoisonedAfterMaxDequeueCountWithNoResult()
    {
        await using var host = await JobsHost.StartAsync(azurite, listener: true, o => o.Queue.MaxDequeueCount = 3);
        await host.Registry.RegisterAsync("broken", TrainedModels.GradientBoosted, new ModelRegistration());
        // The stored model no longer matches its hash: every load fails as unavailable, which may pass, so it is retried.
        await host.Blob("models", "broken/1/model.onnx").UploadAsync(BinaryData.FromString("not a model any more"), overwrite: true);
        var text = """{"id":"t1","model":"broken","rows":[{"x1":1,"x2":1,"color":"red"}]}""";

        await host.Services.GetRequiredService<IInferenceQueue>().SendAsync(text);

        await WaitUntilAsync(async () => (await host.PeekAsync(poison: true)).Count == 1);
        Assert.Equal([JobsHost.Base64(text)], await host.PeekAsync(poison: true));
        Assert.Empty(await host.PeekAsync(poison: false));
        Assert.Null(await host.ReadAsync("inference-results", "broken/t1.json"));
        Assert.Equal(0, await CountAsync(host));
    }

    /// <summary>The messages in the inference queue, hidden ones (being handled) included.</summary>
    private static async Task<int> CountAsync(JobsHost host) =>
        (await host.Account.Queues.GetQueueClient(host.Account.Names.InferenceQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static async Task<JsonElement> WaitForResultAsync(JobsHost host, string name)
    {
        string? text = null;
        await WaitUntilAsync(async () => (text = await host.ReadAsync("inference-results", name)) is not null);
        return JsonDocument.Parse(text!).RootElement;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The queue did not get there in time.");
            await Task.Delay(50);
        }
    }
}
