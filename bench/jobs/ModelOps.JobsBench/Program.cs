using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

// Usage:
//   ModelOps.JobsBench queue <connection> <model> <sequential> <burst> <senders>
//       <sequential> messages one at a time (each sent once the previous result blob is there: enqueue -> blob latency
//       on an otherwise idle queue, polled every 2 ms), then <burst> messages sent by <senders> parallel senders
//       (throughput, and enqueue -> result latency from the completedAt the host stamps just before writing the blob).
//   ModelOps.JobsBench csv <path> <rows> <columns> [label]   a seeded CSV of numeric columns f0..f{n-1} (and a label y)
//   ModelOps.JobsBench upload <connection> <container> <blob> <file>
return args[0] switch
{
    "queue" => await QueueAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture)),
    "csv" => Csv(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args.Length > 4 && args[4] == "label"),
    "upload" => await UploadAsync(args[1], args[2], args[3], args[4]),
    _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
};

static async Task<int> QueueAsync(string connection, string model, int sequential, int burst, int senders)
{
    var queue = new QueueClient(connection, "modelops-inference", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    var results = new BlobContainerClient(connection, "inference-results");
    var run = Guid.NewGuid().ToString("N")[..8];
    var random = new Random(1);
    string Message(string id) =>
        $$"""{"id":"{{id}}","model":"{{model}}","inputs":[{"name":"x","shape":[1,30],"datatype":"FP32","data":[{{string.Join(",", Enumerable.Range(0, 30).Select(_ => (random.NextDouble() - 0.5).ToString("0.###", CultureInfo.InvariantCulture)))}}]}]}""";

    // Warm-up: the model loads and the listener wakes.
    await queue.SendMessageAsync(Message($"{run}-warm"));
    while (!(await results.GetBlobClient($"{model}/{run}-warm.json").ExistsAsync()).Value)
    {
        await Task.Delay(10);
    }

    var idle = new List<double>();
    for (var i = 0; i < sequential; i++)
    {
        var blob = results.GetBlobClient($"{model}/{run}-s{i}.json");
        var text = Message($"{run}-s{i}");
        var started = Stopwatch.GetTimestamp();
        await queue.SendMessageAsync(text);
        while (!(await blob.ExistsAsync()).Value)
        {
            await Task.Delay(2);
        }

        idle.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    var sent = new ConcurrentDictionary<string, DateTimeOffset>();
    var messages = Enumerable.Range(0, burst).Select(i => ($"{run}-b{i}", Message($"{run}-b{i}"))).ToArray();
    var first = DateTimeOffset.UtcNow;
    await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = senders }, async (m, ct) =>
    {
        sent[m.Item1] = DateTimeOffset.UtcNow;
        await queue.SendMessageAsync(m.Item2, ct);
    });
    var sendSeconds = (DateTimeOffset.UtcNow - first).TotalSeconds;

    var seen = 0;
    var deadline = DateTime.UtcNow.AddMinutes(10);
    while (seen < burst && DateTime.UtcNow < deadline)
    {
        seen = 0;
        await foreach (var _ in results.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{model}/{run}-b" }))
        {
            seen++;
        }

        await Task.Delay(200);
    }

    var latencies = new List<double>(burst);
    var last = first;
    await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, ct) =>
    {
        var content = (await results.GetBlobClient($"{model}/{m.Item1}.json").DownloadContentAsync(ct)).Value.Content;
        using var document = JsonDocument.Parse(content);
        var completed = document.RootElement.GetProperty("completedAt").GetDateTimeOffset();
        lock (latencies)
        {
            latencies.Add((completed - sent[m.Item1]).TotalMilliseconds);
            if (completed > last)
            {
                last = completed;
            }
        }
    });

    var seconds = (last - first).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle (one at a time, {sequential} messages): enqueue -> result blob p50 {Percentile(idle, 0.5):F1} ms, p99 {Percentile(idle, 0.99):F1} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"burst ({burst} messages, {senders} senders, sent in {sendSeconds:F1} s): {burst / seconds:F0} messages/s, enqueue -> result p50 {Percentile(latencies, 0.5):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms"));
    return 0;
}

static int Csv(string path, long rows, int columns, bool label)
{
    var random = new Random(20261204);
    using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
    var line = new StringBuilder();
    writer.Write(string.Join(",", Enumerable.Range(0, columns).Select(c => $"f{c}")));
    writer.Write(label ? ",y\n" : "\n");
    var values = new double[columns];
    for (long r = 0; r < rows; r++)
    {
        line.Clear();
        var score = 0.0;
        for (var c = 0; c < columns; c++)
        {
            values[c] = Math.Round((random.NextDouble() * 10) - 5, 3);
            score += (c % 3 == 0 ? 1 : c % 3 == 1 ? -0.5 : 0.2) * values[c];
            if (c > 0)
            {
                line.Append(',');
            }

            line.Append(values[c].ToString(CultureInfo.InvariantCulture));
        }

        if (label)
        {
            line.Append(score + (random.NextDouble() * 4) - 2 > 0 ? ",1" : ",0");
        }

        writer.Write(line.Append('\n'));
    }

    return 0;
}

static async Task<int> UploadAsync(string connection, string container, string name, string file)
{
    var client = new BlobContainerClient(connection, container);
    await client.CreateIfNotExistsAsync();
    await using var stream = File.OpenRead(file);
    await client.GetBlobClient(name).UploadAsync(stream, overwrite: true);
    return 0;
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
