using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ModelOps.Storage.Connection;

/// <summary>Stamps every attempt with the REST API version and the current date (<c>x-ms-date</c>, RFC 1123).</summary>
internal sealed class StorageHeadersPolicy(string apiVersion, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", apiVersion);
        message.Request.Headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
    }
}
