using System.Buffers;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// One column's values for a capture file, in an array rented from <see cref="ArrayPool{T}.Shared"/> and given back when
/// the file is written: the writer reuses the same few arrays file after file instead of growing a list per column
/// (and copying it once more for the encoder), which put every busy host's columns on the large object heap.
/// </summary>
internal sealed class ColumnBuffer<T> : IDisposable
{
    private const int InitialCapacity = 1024;
    private T[] _items = ArrayPool<T>.Shared.Rent(InitialCapacity);

    public int Count { get; private set; }

    /// <summary>The values so far; valid until the next <see cref="Add"/> or <see cref="Dispose"/>.</summary>
    public ArraySegment<T> Items => new(_items, 0, Count);

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            Return(_items);
            _items = larger;
        }

        _items[Count++] = item;
    }

    public void Dispose()
    {
        Return(_items);
        _items = [];
        Count = 0;
    }

    // References are cleared so a pooled array keeps no request ids alive.
    private static void Return(T[] items)
    {
        if (items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(items, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
