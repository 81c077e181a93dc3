using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.DurableTask;
using ModelOps.Functions.Workflows;
using ModelOps.Retraining;
using ModelOps.Workflows;

namespace ModelOps.Functions.Tests;

public sealed class FunctionsServiceCollectionExtensionsTests
{
    private static readonly RetrainingInput Input = new()
    {
        Model = "churn",
        Trigger = RetrainingTriggers.Blob,
        DataFile = "first.csv",
        DataUri = "training-data/churn/first.csv",
        DataETag = "\"0x8DC\"",
        Configuration = new TrainingConfiguration
        {
            Label = "churn",
            Task = TaskNames.Binary,
            Trainer = "logistic",
            Metric = "auc",
            Promotion = new PromotionSettings { Minimum = 0.6 },
        },
    };

    [Fact]
    public void AddModelOpsFunctions_WorkerSerializer_WritesTheLocalEnginesWorkflowJson()
    {
        using var services = Compose();
        var serializer = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;

        var functions = serializer.Serialize(Input).ToString();

        Assert.Equal(WorkflowJson.Converter.Serialize(Input), functions);
        Assert.Contains("\"dataETag\":\"\\\"0x8DC\\\"\"", functions, StringComparison.Ordinal);
        var read = serializer.Deserialize(BinaryData.FromString(functions).ToStream(), typeof(RetrainingInput), CancellationToken.None);
        Assert.Equal(functions, WorkflowJson.Converter.Serialize(read));
    }

    [Fact]
    public void AddModelOpsFunctions_WorkflowPort_IsTheDurableFunctionsClient()
    {
        using var services = Compose();

        Assert.IsType<DurableFunctionsWorkflowClient>(services.GetRequiredService<IWorkflowClient>());
        Assert.Same(services.GetRequiredService<IWorkflowClient>(), services.GetRequiredService<WorkflowRuns>().Client);
    }

    private static ServiceProvider Compose()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelOps:AdminKey"] = "a",
            ["ModelOps:ApiKey"] = "b",
        }).Build();
        return new ServiceCollection().AddLogging().AddModelOpsFunctions(configuration).BuildServiceProvider();
    }
}
