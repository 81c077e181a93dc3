using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ModelOps.Functions;
using ModelOps.Functions.Workflows;

// The isolated worker with ASP.NET Core integration (HTTP functions get the real HttpContext), over the composition
// the local host uses; Durable Functions takes the place of the local engine.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseWhen<StepAttemptMiddleware>(StepAttemptMiddleware.IsActivity);
builder.Services.AddModelOpsFunctions(builder.Configuration);
builder.Build().Run();
