using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ModelOps.Functions.Http;

/// <summary>
/// Every HTTP route in one function: the platform's key check is off (Anonymous) because ModelOps checks its own
/// admin and inference keys, which travel in the same <c>x-functions-key</c> header.
/// </summary>
public sealed class HttpGateway(ModelOpsPipeline pipeline)
{
    [Function("http")]
    public Task RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest request) =>
        pipeline.HandleAsync(request.HttpContext);
}
