using System.Net;
using System.Text.Json;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>Polls the runs API (bounded) until a run reaches a state.</summary>
internal static class RetrainingRuns
{
    public static async Task<JsonElement> WaitAsync(HttpClient admin, string runUrl, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await admin.GetAsync(new Uri(runUrl, UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                last = document.RootElement.Clone();
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{runUrl} did not get there within {timeout}; last status: {(last.ValueKind == JsonValueKind.Undefined ? "none" : last.GetRawText())}");
    }

    public static Task<JsonElement> WaitEndedAsync(HttpClient admin, string runUrl, TimeSpan timeout) =>
        WaitAsync(admin, runUrl, r => r.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated", timeout);
}
