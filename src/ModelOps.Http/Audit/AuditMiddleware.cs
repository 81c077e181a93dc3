using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Access;
using ModelOps.Audit;
using ModelOps.Http.Security;
using ModelOps.Serialization;

namespace ModelOps.Http.Audit;

/// <summary>
/// Records every successful change in the audit trail, in one place: a request that is not a read (nor an inference
/// call) and answers 2xx appends one record with the caller, route, resource, model, client address, correlation id and
/// whatever the services it called noted in its <see cref="AuditScope"/> (before and after of the fields they changed).
/// The record is appended before the answer starts, so a caller that saw the success can find it. Refused and failed
/// requests change nothing and are not recorded.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditTrail trail, IOptionsMonitor<AuditOptions> options, ILogger<AuditMiddleware> logger)
{
    public const string CorrelationHeader = "x-correlation-id";
    private const int MaxCorrelationLength = 128;

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || !IsAudited(context.Request.Method, endpoint))
        {
            return next(context);
        }

        return RecordAsync(context, endpoint);
    }

    private bool IsAudited(string method, Endpoint endpoint)
    {
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return endpoint.Metadata.GetMetadata<AuditedRead>() is not null && options.CurrentValue.ArtifactDownloads;
        }

        return endpoint.Metadata.GetMetadata<PermissionRequirement>() is { Permission: not Permission.Invoke };
    }

    private async Task RecordAsync(HttpContext context, Endpoint endpoint)
    {
        using var scope = AuditScope.Begin();
        context.Response.OnStarting(() => AppendAsync(context, endpoint, scope));
        await next(context).ConfigureAwait(false);
    }

    private async Task AppendAsync(HttpContext context, Endpoint endpoint, AuditScope scope)
    {
        if (context.Response.StatusCode is < 200 or >= 300 || CallerClaims.Of(context) is not { } caller)
        {
            return;
        }

        var (time, id) = trail.NewId();
        var changes = scope.Changes;
        var record = new AuditRecord
        {
            Id = id,
            Time = time,
            ActorId = caller.Id,
            ActorName = caller.Name,
            ActorKind = caller.Kind.ToString(),
            Method = context.Request.Method,
            Route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? string.Empty,
            Resource = context.Request.Path.Value ?? string.Empty,
            Model = await PermissionHandler.ModelOfAsync(context, endpoint.Metadata.GetMetadata<PermissionRequirement>()).ConfigureAwait(false)
                ?? changes.Select(c => c.Model).FirstOrDefault(m => m is not null),
            Status = context.Response.StatusCode,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            CorrelationId = CorrelationId(context),
            Changes = changes,
        };
        try
        {
            await trail.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The change is made; the record must not vanish with the failure: it goes to the log in full.
            Log.AuditAppendFailed(logger, JsonSerializer.Serialize(record, ModelOpsJson.Options), exception);
        }
    }

    private static string CorrelationId(HttpContext context)
    {
        var sent = context.Request.Headers[CorrelationHeader].ToString();
        return sent.Length is > 0 and <= MaxCorrelationLength && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? sent
            : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
    }
}
