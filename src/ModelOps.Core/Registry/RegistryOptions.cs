using System.ComponentModel.DataAnnotations;

namespace ModelOps.Registry;

/// <summary>Settings of the model registry (section <c>ModelOps:Registry</c>).</summary>
public sealed class RegistryOptions
{
    /// <summary>How often a registration retries taking a version number that concurrent registrations took first. Default 50.</summary>
    [Range(1, 1000)]
    public int MaxVersionReservationAttempts { get; set; } = 50;

    /// <summary>
    /// How long a version may stay Pending (its registration under way) before recovery treats the registration as dead:
    /// finishes it when its files are complete and verified, or gives the number back. Registrations hold a number for
    /// the time it takes to write the model's files. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often hosts run the registry's recovery (besides at start-up). Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromMinutes(10);
}
