using System.Runtime.InteropServices;

namespace ModelOps.Onnx.Native;

/// <summary>Owns one ORT object and releases it with the matching <c>Release*</c> function (or the default allocator).</summary>
internal sealed class OrtHandle : SafeHandle
{
    private readonly OrtApi _api;

    public OrtHandle(OrtApi api, OrtObjectKind kind, IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _api = api;
        Kind = kind;
        SetHandle(handle);
    }

    public OrtObjectKind Kind { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The raw pointer; valid only while this handle is alive.</summary>
    public IntPtr Pointer => handle;

    protected override bool ReleaseHandle()
    {
        _api.Release(Kind, handle);
        return true;
    }
}
