using System.ComponentModel.DataAnnotations;

namespace ModelOps.Http.Serving;

/// <summary>Where GPU-tagged versions are served (<c>ModelOps:GpuServing</c>).</summary>
public sealed class GpuServingOptions : IValidatableObject
{
    /// <summary>
    /// Base URL of the GPU serving app (<c>ModelOps__GpuServing__BaseUrl</c>). Unset: every version is served here.
    /// Set: inference on a version tagged <see cref="GpuServingTag"/> is forwarded there.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// How long a forwarded call may stay silent (no response headers, no body bytes) before it fails with 504. Default
    /// two minutes: a GPU app scaled to zero starts a replica and loads the model on its first call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"ModelOps:GpuServing:BaseUrl '{url}' must be an absolute http or https URL.", [nameof(BaseUrl)]);
        }
    }
}
