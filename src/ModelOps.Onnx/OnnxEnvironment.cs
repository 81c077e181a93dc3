using ModelOps.Onnx.Native;

namespace ModelOps.Onnx;

/// <summary>
/// The process-wide ONNX Runtime: one loaded library, one API table and one <c>OrtEnv</c>, created on first use and kept
/// for the life of the process (ORT advises against releasing the environment while sessions may still exist).
/// </summary>
internal sealed class OnnxEnvironment
{
    private static readonly Lock _gate = new();
    private static OnnxEnvironment? _current;

    private OnnxEnvironment(string libraryPath, OrtApi api, OrtHandle env)
    {
        LibraryPath = libraryPath;
        Api = api;
        Env = env;
    }

    public string LibraryPath { get; }

    public OrtApi Api { get; }

    public OrtHandle Env { get; }

    /// <summary>The process's environment, loading the library on the first call.</summary>
    public static OnnxEnvironment Get(OnnxRuntimeOptions options)
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                if (!string.IsNullOrWhiteSpace(options.LibraryPath) &&
                    !string.Equals(Path.GetFullPath(options.LibraryPath), _current.LibraryPath, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"ONNX Runtime is already loaded in this process from '{_current.LibraryPath}'; " +
                        $"it cannot also be loaded from '{options.LibraryPath}'.");
                }

                return _current;
            }

            var path = OnnxLibraryLocator.Resolve(options.LibraryPath);
            var api = OrtApi.Load(path);
            var env = api.CreateEnv(Math.Clamp(options.LogSeverityLevel, 0, 4), "modelops");
            _current = new OnnxEnvironment(path, api, env);
            return _current;
        }
    }
}
