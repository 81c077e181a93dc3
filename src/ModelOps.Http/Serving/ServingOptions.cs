using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ModelOps.Http.Serving;

/// <summary>Which parts a host runs and where heavy models are served (bound to the <c>ModelOps</c> section).</summary>
public sealed class ServingOptions
{
    /// <summary><c>ModelOps:Mode</c>: <see cref="HostMode.Full"/> (default) or <see cref="HostMode.Serving"/>.</summary>
    [EnumDataType(typeof(HostMode))]
    public HostMode Mode { get; set; } = HostMode.Full;

    /// <summary><c>ModelOps:GpuServing</c>.</summary>
    [ValidateObjectMembers]
    public GpuServingOptions GpuServing { get; set; } = new();

    /// <summary>True when this host forwards GPU-tagged versions: a full host with a GPU serving URL.</summary>
    public bool Forwards => Mode == HostMode.Full && GpuServing.BaseUrl is not null;
}
