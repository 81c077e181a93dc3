namespace ModelOps.Monitoring.Drift;

/// <summary>The drift method of one column kind and, when a method is named, its threshold.</summary>
public sealed record KindDriftSettings
{
    /// <summary>An Evidently method name (<see cref="DriftMethod"/>, e.g. <c>"psi"</c>) or <c>"auto"</c> (default):
    /// Evidently's choice by reference size and distinct values (<see cref="DriftMethodSelector"/>).</summary>
    public string Method { get; init; } = DriftMethods.Auto;

    /// <summary>The threshold for <see cref="Method"/>; null (default) uses <see cref="DriftSettings.Thresholds"/> or the
    /// method's default. Only with a named method: under "auto" the method varies, so set thresholds per method instead.</summary>
    public double? Threshold { get; init; }
}
