namespace ModelOps.Provisioning.Configuration;

/// <summary>
/// A serverless GPU workload profile of Azure Container Apps: its type as the environment declares it, the profile name
/// apps and jobs refer to, and the CPU and memory one replica gets on it (the whole GPU node).
/// </summary>
public sealed record GpuProfile(string WorkloadProfileType, string ProfileName, double Cpu, string Memory)
{
    /// <summary>One NVIDIA T4 (16 GB), 8 vCPU, 56 GiB.</summary>
    public static GpuProfile T4 { get; } = new("Consumption-GPU-NC8as-T4", "gpu-t4", 8, "56Gi");

    /// <summary>One NVIDIA A100 (80 GB), 24 vCPU, 220 GiB.</summary>
    public static GpuProfile A100 { get; } = new("Consumption-GPU-NC24-A100", "gpu-a100", 24, "220Gi");

    /// <summary>The profiles a stack may choose.</summary>
    public static IReadOnlyList<GpuProfile> Known { get; } = [T4, A100];

    /// <summary>The known profile of that type (exact, as Azure spells it), or null.</summary>
    public static GpuProfile? Find(string workloadProfileType) =>
        Known.FirstOrDefault(p => string.Equals(p.WorkloadProfileType, workloadProfileType, StringComparison.Ordinal));
}
