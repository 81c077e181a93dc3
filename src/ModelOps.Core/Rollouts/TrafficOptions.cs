using System.ComponentModel.DataAnnotations;

namespace ModelOps.Rollouts;

/// <summary>How hosts learn of traffic policy changes (settings <c>ModelOps:Traffic:*</c>).</summary>
public sealed class TrafficOptions
{
    /// <summary>
    /// How long a host routes with the policy it read before reading it again. A change made in another process takes
    /// effect on every host within twice this (plus one storage read): an entry older than the interval is refreshed in
    /// the background, one older than twice the interval is read again before routing. The writing process applies it at
    /// once. Default 2 s (so at most 4 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
