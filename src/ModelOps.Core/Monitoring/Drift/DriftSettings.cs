using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// How a model's drift checks decide, per model (plain data, validated by <see cref="DriftSettingsValidator"/>).
/// Defaults follow Evidently's DataDriftPreset: methods chosen by column kind and reference size, each method's own
/// default threshold (KS, chi-square, z: p-value 0.05; Wasserstein (normed), Jensen–Shannon, PSI: 0.1), and dataset
/// drift when at least half of the columns drift.
/// </summary>
public sealed record DriftSettings : IValidatableObject
{
    /// <summary>Method (and threshold) for numeric columns. Default: auto.</summary>
    [Required]
    public KindDriftSettings Numeric { get; init; } = new();

    /// <summary>Method (and threshold) for categorical columns. Default: auto.</summary>
    [Required]
    public KindDriftSettings Categorical { get; init; } = new();

    /// <summary>Thresholds by method name (e.g. <c>{"ks": 0.01, "wasserstein": 0.2}</c>) replacing the methods' defaults. Default none.</summary>
    [Required]
    public IReadOnlyDictionary<string, double> Thresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>The dataset drifts when the share of drifted columns is at least this. Default 0.5 (Evidently's drift_share).</summary>
    [Range(0.0, 1.0)]
    public double DriftShare { get; init; } = 0.5;

    /// <summary>The largest reference (present values of a column) that gets the small-sample tests under auto. Default 1000 (Evidently's).</summary>
    [Range(1, int.MaxValue)]
    public int SmallReferenceRows { get; init; } = DriftMethodSelector.EvidentlySmallReferenceRows;

    /// <summary>Sizes of the window sketches. Defaults: exact values up to 5000 per column, 1000 categories, KLL k = 200.</summary>
    [ValidateObjectMembers]
    public SketchOptions Sketch { get; init; } = new();

    /// <summary>When data-quality signals are issues.</summary>
    [ValidateObjectMembers]
    public DataQualitySettings DataQuality { get; init; } = new();

    /// <summary>The method and threshold for a column of <paramref name="kind"/> whose auto choice (if any) is <paramref name="automatic"/>.</summary>
    public (DriftMethod Method, double Threshold) Resolve(ColumnKind kind, DriftMethod automatic)
    {
        var settings = kind == ColumnKind.Numeric ? Numeric : Categorical;
        if (!DriftMethods.TryParse(settings.Method, out var named, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var method = named ?? automatic;
        var threshold = named is not null && settings.Threshold is { } own ? own
            : Thresholds.TryGetValue(DriftMethods.Name(method), out var configured) ? configured
            : DriftMethods.DefaultThreshold(method);
        return (method, threshold);
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (kind, settings, member) in new[] { (ColumnKind.Numeric, Numeric, nameof(Numeric)), (ColumnKind.Categorical, Categorical, nameof(Categorical)) })
        {
            if (!DriftMethods.TryParse(settings.Method ?? string.Empty, out var method, out var error))
            {
                yield return new ValidationResult(error, [member]);
                continue;
            }

            if (method is { } m && !DriftMethods.Supports(m, kind))
            {
                yield return new ValidationResult($"The drift method '{settings.Method}' does not apply to {kind.ToString().ToLowerInvariant()} columns.", [member]);
            }

            if (settings.Threshold is { } threshold)
            {
                if (method is null)
                {
                    yield return new ValidationResult($"A {member.ToLowerInvariant()} threshold needs a named method: under 'auto' the method varies; set thresholds per method instead.", [member]);
                }
                else if (ThresholdError(m: method.Value, threshold) is { } message)
                {
                    yield return new ValidationResult(message, [member]);
                }
            }
        }

        foreach (var (name, threshold) in Thresholds)
        {
            if (!DriftMethods.TryParse(name, out var method, out var error) || method is null)
            {
                yield return new ValidationResult(error ?? "Thresholds are set per named method, not for 'auto'.", [nameof(Thresholds)]);
            }
            else if (ThresholdError(method.Value, threshold) is { } message)
            {
                yield return new ValidationResult(message, [nameof(Thresholds)]);
            }
        }
    }

    private static string? ThresholdError(DriftMethod m, double threshold)
    {
        var name = DriftMethods.Name(m);
        if (DriftMethods.UsesPValue(m))
        {
            return threshold is > 0 and < 1 ? null : $"The threshold of '{name}' is a p-value and must lie strictly between 0 and 1, not {threshold}.";
        }

        return threshold > 0 && double.IsFinite(threshold) ? null : $"The threshold of '{name}' is a distance and must be a positive number, not {threshold}.";
    }
}
