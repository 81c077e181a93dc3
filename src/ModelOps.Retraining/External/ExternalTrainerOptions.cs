using System.ComponentModel.DataAnnotations;

namespace ModelOps.Retraining;

/// <summary>
/// One external trainer as the operator declares it (<c>ModelOps:Retraining:ExternalTrainers:{name}</c>). A training
/// configuration names it (<c>"externalTrainer": "{name}"</c>) and passes parameters as data; the program, its
/// arguments, folder, environment and time limit come from here only, never from a request.
/// </summary>
public sealed class ExternalTrainerOptions
{
    /// <summary>
    /// The program and its arguments (no shell). Arguments may hold the placeholders <c>{data}</c>, <c>{output}</c>,
    /// <c>{parameters}</c> (paths of the run) and <c>{param:NAME}</c> (the scalar parameter NAME, as one argument).
    /// </summary>
    [Required]
    [MinLength(1)]
    public string[] Command { get; set; } = [];

    /// <summary>Where the process starts. Default: the run's scratch folder.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Extra environment variables for the process (the <c>MODELOPS_*</c> ones are set by the platform).</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long the process may run before it is killed with its children. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// On Azure: the Container Apps job (name or resource id) that runs this trainer. Carried as configuration for the
    /// Azure host; the local host runs <see cref="Command"/>.
    /// </summary>
    public string? ContainerAppJob { get; set; }
}
