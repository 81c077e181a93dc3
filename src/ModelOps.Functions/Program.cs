using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelOps;
using ModelOps.Functions.Http;
using ModelOps.Functions.Workflows;
using ModelOps.Http;
using ModelOps.Http.Security;
using ModelOps.Retraining;

// The same composition as the local host, with Durable Functions in place of the local workflow runner.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var configuration = builder.Configuration;
var modelOps = configuration.GetSection("ModelOps");
builder.Services
    .AddModelOpsStorage(options => options.ConnectionString = configuration["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true")
    .AddOnnxRuntime(options => modelOps.GetSection("Onnx").Bind(options))
    .AddModelOpsCore(
        inference => modelOps.GetSection("Inference").Bind(inference),
        registry => modelOps.GetSection("Registry").Bind(registry))
    .AddModelOpsHttp()
    .AddRetraining(retraining => modelOps.GetSection("Retraining").Bind(retraining))
    .AddDurableWorkflows()
    .Configure<ApiKeyOptions>(modelOps)
    .Configure<HttpOptions>(modelOps.GetSection("Http"))
    .AddRouting()
    .AddSingleton<ModelOpsPipeline>();

builder.Build().Run();
