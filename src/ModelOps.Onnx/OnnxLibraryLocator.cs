using System.Runtime.InteropServices;

namespace ModelOps.Onnx;

/// <summary>Finds the ONNX Runtime native library (see <see cref="OnnxRuntimeOptions.LibraryPath"/> for the search order).</summary>
internal static class OnnxLibraryLocator
{
    public static string LibraryFileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.1.dylib"
        : "libonnxruntime.so.1";

    private static string OsFolder =>
        OperatingSystem.IsWindows() ? "win32"
        : OperatingSystem.IsMacOS() ? "darwin"
        : "linux";

    private static string ArchFolder => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>The path of the library to load; throws <see cref="DllNotFoundException"/> naming every path tried.</summary>
    public static string Resolve(string? configuredPath)
    {
        var tried = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var path = Path.GetFullPath(configuredPath);
            if (File.Exists(path))
            {
                return path;
            }

            throw NotFound([path], "OnnxRuntimeOptions.LibraryPath names a file that does not exist.");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var path = Directory.Exists(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(fromEnvironment, LibraryFileName))
                : Path.GetFullPath(fromEnvironment);
            if (File.Exists(path))
            {
                return path;
            }

            tried.Add(path);
        }

        var relative = Path.Combine("node_modules", "onnxruntime-node", "bin", "napi-v6", OsFolder, ArchFolder, LibraryFileName);
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                tried.Add(candidate);
            }
        }

        throw NotFound(tried, null);
    }

    private static DllNotFoundException NotFound(IReadOnlyList<string> tried, string? reason) =>
        new(
            $"The ONNX Runtime library ({LibraryFileName}) was not found. {reason}".TrimEnd() +
            $" Set OnnxRuntimeOptions.LibraryPath or the {OnnxRuntimeOptions.LibraryPathVariable} environment variable, " +
            "or install onnxruntime-node (npm ci --ignore-scripts). Paths tried: " + string.Join(", ", tried));
}
