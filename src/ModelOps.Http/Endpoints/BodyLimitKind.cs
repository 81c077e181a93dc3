namespace ModelOps.Http.Endpoints;

/// <summary>Which body limit a route has.</summary>
public enum BodyLimitKind
{
    /// <summary>JSON requests (<see cref="HttpOptions.MaxRequestBodyBytes"/>).</summary>
    Request,

    /// <summary>Model files (<see cref="HttpOptions.MaxModelBytes"/>).</summary>
    ModelUpload,
}
