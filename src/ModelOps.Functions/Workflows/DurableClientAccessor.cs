using Microsoft.DurableTask.Client;

namespace ModelOps.Functions.Workflows;

/// <summary>
/// The Durable Functions client of the current invocation. The Functions host hands a client to each function through
/// its <c>[DurableClient]</c> binding (it carries the host's gRPC endpoint and task hub; a client built outside the
/// binding points at localhost:4001). Every function that calls into workflows sets <see cref="Client"/> first, from
/// an <c>async</c> function body, so the value flows to the shared services below it and ends with the invocation.
/// </summary>
public sealed class DurableClientAccessor
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    /// <summary>The invocation's client; throws when the running function did not set one.</summary>
    public DurableTaskClient Client
    {
        get => Current.Value ?? throw new InvalidOperationException(
            "No Durable Functions client in this invocation: a function that starts or reads runs must bind [DurableClient] and set DurableClientAccessor.Client first.");
        set => Current.Value = value;
    }
}
