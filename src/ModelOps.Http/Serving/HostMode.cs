namespace ModelOps.Http.Serving;

/// <summary>What a host runs (<c>ModelOps:Mode</c>).</summary>
public enum HostMode
{
    /// <summary>Everything: inference, management routes, workflows, triggers and timers.</summary>
    Full,

    /// <summary>
    /// Inference only, for the GPU serving app: health, the Open Inference Protocol and predict routes, and metrics; no
    /// management routes, no workflow engine, no triggers or timers. A serving host never forwards.
    /// </summary>
    Serving,
}
