using Microsoft.Extensions.Logging;
using ModelOps.Registry;
using ModelOps.Runtime;

namespace ModelOps.Inference.Batching;

/// <summary>Serves every version whose signature can be batched (<see cref="BatchPlan"/>) through a <see cref="BatchingSession"/>.</summary>
internal sealed class BatchingSessionDecorator(ServingSettingsService settings, TimeProvider time, ILogger<BatchingSession> logger) : IModelSessionDecorator
{
    public IModelSession Decorate(ModelVersion version, IModelSession session) =>
        BatchPlan.Check(session.Signature) is null
            ? new BatchingSession(session, version, ct => settings.GetBatchingAsync(version.Name, ct), time, logger)
            : session;
}
