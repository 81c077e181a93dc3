using ModelOps.Registry;
using ModelOps.Runtime;

namespace ModelOps.Inference;

/// <summary>
/// Wraps each session the model cache loads, for a concern of the inference path (batching) that belongs around the
/// runtime rather than inside the inference service. Decorators apply in registration order, the first innermost.
/// </summary>
public interface IModelSessionDecorator
{
    /// <summary>The session to serve <paramref name="version"/> with: <paramref name="session"/> wrapped, or itself when the concern does not apply.</summary>
    IModelSession Decorate(ModelVersion version, IModelSession session);
}
