using System.Text.Json;

namespace ModelOps.Functions.Tests.Support;

/// <summary>Reading runs through the management function (the runs API over the Durable Functions client).</summary>
public static class RunsApi
{
    /// <summary>Polls the run until it has ended; fails the test after two minutes.</summary>
    public static async Task<JsonElement> WaitEndedAsync(FunctionsApp app, string runUrl)
    {
        ArgumentNullException.ThrowIfNull(app);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var run = (await HttpCall.SendAsync(app, app.Management, "GET", runUrl)).Expect(200).Json;
            if (run.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {runUrl} did not end in time: {run.GetRawText()}");
            await Task.Delay(100);
        }
    }
}
