using System.Security.Cryptography;
using System.Text;

namespace ModelOps.Workflows.Replay;

/// <summary>Name-based UUID v5 (RFC 9562 §5.5), as DurableTask derives its replay-safe GUIDs.</summary>
internal static class DeterministicGuid
{
    /// <summary>DurableTask's namespace for orchestration GUIDs, so ids match across runners.</summary>
    public static readonly Guid WorkflowNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        namespaceId.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        ns.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
#pragma warning disable CA5350 // UUID v5 is defined over SHA-1; it names, it does not protect anything.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
