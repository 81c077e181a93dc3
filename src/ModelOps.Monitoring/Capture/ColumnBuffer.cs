using System.Buffers;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// One column's values for a capture file, in an array rented from a pool of capture's own and given back
/// when the file is written: capture reuses the same arrays file after file instead of growing a list per column
/// (and copying it once more for the encoder), which put every busy host's columns on the large object heap. Not the
/// shared pool: it keeps only a few arrays of a size per core, fewer than a file has columns, so most would still be
/// allocated anew for every file. This one keeps up to 64 of each size (power of two) for as long as the process runs:
/// at most a file's worth of columns per table being filled.
/// </summary>
internal sealed class ColumnBuffer<T> : IDisposable
{
    private const int InitialCapacity = 1024;
    private static readonly ArrayPool<T> Pool = ArrayPool<T>.Create(maxArrayLength: 1 << 27, maxArraysPerBucket: 64);
    private T[] _items = Pool.Rent(InitialCapacity);

    public int Count { get; private set; }

    /// <summary>The values so far; valid until the next <see cref="Add"/> or <see cref="Dispose"/>.</summary>
    public ArraySegment<T> Items => new(_items, 0, Count);

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }

        _items[Count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (Count + items.Length > _items.Length)
        {
            Grow(Count + items.Length);
        }

        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    private void Grow(int needed)
    {
        var larger = Pool.Rent(Math.Max(_items.Length * 2, needed));
        _items.AsSpan(0, Count).CopyTo(larger);
        Return(_items);
        _items = larger;
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
            Pool.Return(items, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
