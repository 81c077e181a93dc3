using System.ComponentModel.DataAnnotations;

namespace ModelOps.Registry;

/// <summary>Settings of the model registry (section <c>ModelOps:Registry</c>).</summary>
public sealed class RegistryOptions
{
    /// <summary>How often a registration retries taking a version number that concurrent registrations took first. Default 50.</summary>
    [Range(1, 1000)]
    public int MaxVersionReservationAttempts { get; set; } = 50;
}
