using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ModelOps.Training;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>What the queue and batch tests put where no route puts it, and a model the platform's trainer makes.</summary>
internal static class JobData
{
    private static readonly Lazy<byte[]> Classifier = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelops-e2e-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, RetrainingData.Binary(400));
        try
        {
            return TrainerCatalog.TrainFromCsv(path, "gbt", new TrainingRequest("y", TrainingTask.Classification)).ExportOnnx();
        }
        finally
        {
            File.Delete(path);
        }
    });

    /// <summary>A gradient-boosted classifier of <c>x1,x2,color</c> into <c>y</c> 0/1.</summary>
    public static byte[] GradientBoosted => Classifier.Value;

    /// <summary>Enqueues a message on the host's inference queue, base64-encoded as the Functions trigger expects.</summary>
    public static Task SendAsync(string connectionString, string json) =>
        new QueueClient(connectionString, "modelops-inference", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }).SendMessageAsync(json);

    public static Task UploadAsync(string connectionString, string container, string name, string text) =>
        new BlobContainerClient(connectionString, container).GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true);

    public static async Task<string?> ReadAsync(string connectionString, string container, string name)
    {
        var blob = new BlobContainerClient(connectionString, container).GetBlobClient(name);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }

    /// <summary><c>id,x1,x2,color</c> rows, <c>id</c> counting from 0.</summary>
    public static string Rows(int count)
    {
        var random = new Random(count);
        var colors = new[] { "red", "green", "blue" };
        var text = new StringBuilder("id,x1,x2,color\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{Math.Round((random.NextDouble() * 4) - 2, 3)},{Math.Round((random.NextDouble() * 4) - 2, 3)},{colors[random.Next(3)]}\n");
        }

        return text.ToString();
    }
}
