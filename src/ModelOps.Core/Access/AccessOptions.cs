using System.ComponentModel.DataAnnotations;

namespace ModelOps.Access;

/// <summary>Settings of access checks (section <c>ModelOps:Access</c>).</summary>
public sealed class AccessOptions
{
    /// <summary>
    /// How long a host keeps the role assignments it read before reading them again. Changes made through this host
    /// apply at once; changes made through another host apply within this time. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AssignmentCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
