using Microsoft.Extensions.Options;
using ModelOps.Registry;

namespace ModelOps.Retraining;

/// <summary>
/// Validates every declared external trainer at start-up: its name (the rules of model names, since it travels in
/// configurations and logs), then its settings with the generated <see cref="ExternalTrainerOptionsValidator"/>.
/// </summary>
public sealed class ExternalTrainersValidator : IValidateOptions<RetrainingOptions>
{
    private readonly ExternalTrainerOptionsValidator _trainer = new();

    public ValidateOptionsResult Validate(string? name, RetrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (trainerName, trainer) in options.ExternalTrainers)
        {
            var section = $"ModelOps:Retraining:ExternalTrainers:{trainerName}";
            if (ModelNames.Validate(trainerName, "external trainer name") is { } problem)
            {
                failures.Add($"{section}: {problem}");
                continue;
            }

            var result = _trainer.Validate(section, trainer);
            if (result.Failed)
            {
                failures.AddRange(result.Failures.Select(f => $"{section}: {f}"));
            }
            else if (string.IsNullOrWhiteSpace(trainer.Command[0]))
            {
                failures.Add($"{section}: Command[0] must name the program.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
