using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ModelOps.Functions.Tests.Support;

/// <summary>
/// One request through an HTTP function, as the worker's ASP.NET Core integration hands it over: a real
/// <see cref="HttpContext"/> with the invocation's services, no key (the Functions host checked it before).
/// </summary>
public static class HttpCall
{
    public static async Task<HttpResult> SendAsync(
        FunctionsApp app,
        Func<HttpRequest, Task<IResult>> function,
        string method,
        string pathAndQuery,
        byte[]? body = null,
        string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(function);
        var scope = app.Services.CreateAsyncScope();
        await using (scope)
        {
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            context.Request.Method = method;
            context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
            if (body is not null)
            {
                context.Request.Body = new MemoryStream(body);
                context.Request.ContentLength = body.Length;
                context.Request.ContentType = contentType;
            }

            using var response = new MemoryStream();
            context.Response.Body = response;
            var result = await function(context.Request);
            await result.ExecuteAsync(context);
            return new HttpResult(context.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()), context.Response.Headers.Location.ToString());
        }
    }

    public static Task<HttpResult> SendJsonAsync(FunctionsApp app, Func<HttpRequest, Task<IResult>> function, string method, string pathAndQuery, object body) =>
        SendAsync(app, function, method, pathAndQuery, JsonSerializer.SerializeToUtf8Bytes(body), "application/json");
}
