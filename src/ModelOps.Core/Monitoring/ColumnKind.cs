namespace ModelOps.Monitoring;

/// <summary>
/// How a monitored column is compared: as numbers or as categories. Written <c>"numeric"</c>/<c>"categorical"</c> and
/// read in any case (<see cref="ColumnKindJsonConverter"/>), so training's schemas and baselines (<c>"Numeric"</c>) load as they are.
/// </summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
}
