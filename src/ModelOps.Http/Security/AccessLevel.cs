namespace ModelOps.Http.Security;

/// <summary>Which key a route demands.</summary>
public enum AccessLevel
{
    /// <summary>The inference key or the admin key.</summary>
    Inference,

    /// <summary>The admin key only.</summary>
    Admin,
}
