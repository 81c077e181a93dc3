using System.Runtime;

namespace ModelOps.Retraining;

/// <summary>
/// Gives back to the operating system what a step that held a whole dataset left behind. A host idles between runs,
/// and without an allocation nothing makes the GC run again: the peak of the last run would stay resident for hours.
/// One blocking, compacting collection that also compacts the large object heap (where the columns live) and
/// decommits the freed memory (<see cref="GCCollectionMode.Aggressive"/>); measured by <c>bench/memory/large-run.sh</c>.
/// It pauses the process once per step, for tens of milliseconds once the dataset is unreachable.
/// </summary>
internal static class DatasetMemory
{
    public static void Release()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
