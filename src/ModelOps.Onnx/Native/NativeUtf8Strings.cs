using System.Runtime.InteropServices;
using System.Text;

namespace ModelOps.Onnx.Native;

/// <summary>
/// NUL-terminated UTF-8 copies of some strings in one native block, with a table of pointers to them at its start
/// (the <c>const char* const*</c> ORT's <c>Run</c> takes). Kept per session so runs allocate no names.
/// </summary>
internal sealed unsafe class NativeUtf8Strings : SafeHandle
{
    public NativeUtf8Strings(IReadOnlyList<string> strings)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        var tableBytes = strings.Count * sizeof(IntPtr);
        var total = tableBytes;
        foreach (var s in strings)
        {
            total = checked(total + Encoding.UTF8.GetByteCount(s) + 1);
        }

        var block = (byte*)NativeMemory.Alloc((nuint)Math.Max(total, 1));
        SetHandle((IntPtr)block);
        var table = (IntPtr*)block;
        var position = tableBytes;
        for (var i = 0; i < strings.Count; i++)
        {
            table[i] = (IntPtr)(block + position);
            position += Encoding.UTF8.GetBytes(strings[i], new Span<byte>(block + position, total - position));
            block[position++] = 0;
        }

        Count = strings.Count;
    }

    public int Count { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The pointer table; valid while this handle is alive.</summary>
    public IntPtr* Table => (IntPtr*)handle;

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        return true;
    }
}
