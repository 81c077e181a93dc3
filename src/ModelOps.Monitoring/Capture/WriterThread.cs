using System.Runtime.InteropServices;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// The capture writer's own thread, below the request threads' priority: turning buffered requests into Parquet is
/// work that may wait, so when the cores are busy the scheduler gives them to requests first. On Linux that is the
/// thread's nice value (<see cref="Thread.Priority"/> does nothing there; the nice value is per thread under NPTL);
/// elsewhere <see cref="ThreadPriority.BelowNormal"/>. A dedicated thread also keeps the writer's bursts (a file of
/// tens of thousands of rows at a time) off the thread pool the requests run on.
/// </summary>
internal static partial class WriterThread
{
    private const int PrioProcess = 0;

    /// <summary>Runs <paramref name="loop"/> on a new background thread at <paramref name="nice"/>; the task ends with it.</summary>
    public static Task Start(string name, int nice, Action loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Lower(nice);
                loop();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    private static void Lower(int nice)
    {
        if (nice <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            // who = 0: the calling thread; the value is absolute. A failure (a sandbox refusing it, a libc without the
            // symbol) leaves the thread at normal priority.
            try
            {
                _ = SetPriority(PrioProcess, 0, nice);
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                // Normal priority it is.
            }
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
    }

    // DllImport rather than LibraryImport: the solution builds without unsafe code, and this signature is blittable.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
#pragma warning restore SYSLIB1054
}
