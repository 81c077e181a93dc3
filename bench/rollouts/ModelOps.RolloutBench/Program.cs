using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// Usage: ModelOps.RolloutBench OUT.csv BODY.json LOOPS MAX_SECONDS MAX_REQUESTS STOP_FILE URL [URL...]
// LOOPS closed loops, loop i posting BODY to URL[i % count] with the inference key (env BENCH_API_KEY, default
// bench-api), until MAX_SECONDS pass, MAX_REQUESTS have been sent or STOP_FILE exists (checked between requests, so no
// request is cut short). Writes one CSV line per request: start_ms,end_ms,host,status,version (unix milliseconds; status
// 0 for a transport failure; version from the model-version header, empty when absent) and prints a one-line summary.
if (args.Length < 7)
{
    Console.Error.WriteLine("usage: ModelOps.RolloutBench OUT.csv BODY.json LOOPS MAX_SECONDS MAX_REQUESTS STOP_FILE URL [URL...]");
    return 2;
}

var output = args[0];
var body = await File.ReadAllBytesAsync(args[1]);
var loops = int.Parse(args[2], CultureInfo.InvariantCulture);
var maxTime = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
var maxRequests = long.Parse(args[4], CultureInfo.InvariantCulture);
var stopFile = args[5];
var urls = args[6..].Select(u => new Uri(u)).ToArray();
var key = Environment.GetEnvironmentVariable("BENCH_API_KEY") ?? "bench-api";

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = loops, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
client.DefaultRequestHeaders.Add("x-functions-key", key);

// Millisecond times from one monotonic clock anchored once to the wall clock, so they compare with the server's times.
var origin = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
var clock = Stopwatch.StartNew();
double Now() => origin + clock.Elapsed.TotalMilliseconds;

long sent = 0;
var stop = false;
var watcher = Task.Run(async () =>
{
    while (!Volatile.Read(ref stop))
    {
        if (clock.Elapsed >= maxTime || File.Exists(stopFile))
        {
            Volatile.Write(ref stop, true);
        }

        await Task.Delay(50);
    }
});

var records = new List<string>[loops];
var workers = Enumerable.Range(0, loops).Select(i => Task.Run(async () =>
{
    var mine = records[i] = new List<string>(1 << 16);
    var host = i % urls.Length;
    while (!Volatile.Read(ref stop) && Interlocked.Increment(ref sent) <= maxRequests)
    {
        var started = Now();
        var status = 0;
        var version = string.Empty;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(urls[host], content);
            await response.Content.ReadAsByteArrayAsync();
            status = (int)response.StatusCode;
            version = response.Headers.TryGetValues("model-version", out var values) ? values.First() : string.Empty;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"request failed: {exception.Message}");
        }

        mine.Add(string.Create(CultureInfo.InvariantCulture, $"{started:F1},{Now():F1},{host},{status},{version}"));
    }

    Volatile.Write(ref stop, true);
})).ToArray();
await Task.WhenAll(workers);
await watcher;

var all = records.SelectMany(r => r).ToList();
var text = new StringBuilder("start_ms,end_ms,host,status,version\n");
foreach (var line in all)
{
    text.Append(line).Append('\n');
}

await File.WriteAllTextAsync(output, text.ToString());
var failed = all.Count(l => !l.Split(',')[3].StartsWith('2'));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{all.Count} requests in {clock.Elapsed.TotalSeconds:F1} s ({all.Count / clock.Elapsed.TotalSeconds:F0}/s) over {loops} loops, {failed} failed"));
return 0;
