using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// The keys of a job's output parts: the run's hash, the shard and the part's number within it, all one length, so an
/// attempt that runs a shard again writes the same keys and replaces the parts of the attempt before.
/// </summary>
internal static class PartKeys
{
    public static string Part(string runId, int shard, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{Run(runId)}-{shard:D6}-{part:D6}");

    /// <summary>The key of a CSV output's header part (same length as the others).</summary>
    public static string Header(string runId) => $"{Run(runId)}-header-000000";

    private static string Run(string runId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)))[..8];
}
