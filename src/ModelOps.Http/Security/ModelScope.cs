namespace ModelOps.Http.Security;

/// <summary>Where a route's model comes from, for checks against assignments on a model scope.</summary>
public enum ModelScope
{
    /// <summary>The <c>{model}</c> route value; a route without one needs a grant on all models.</summary>
    RouteModel,

    /// <summary>The model of the run named by the <c>{id}</c> route value.</summary>
    Run,
}
