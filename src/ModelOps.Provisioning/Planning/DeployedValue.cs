namespace ModelOps.Provisioning.Planning;

/// <summary>A value known only once a resource exists; the Pulumi program supplies it from that resource's outputs.</summary>
public enum DeployedValue
{
    /// <summary>The managed identity's client id.</summary>
    IdentityClientId,

    /// <summary>Application Insights' connection string.</summary>
    ApplicationInsightsConnectionString,

    /// <summary><c>https://</c> + the GPU serving app's ingress FQDN.</summary>
    ServingAppUrl,
}
