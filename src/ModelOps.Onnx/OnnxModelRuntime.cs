using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelOps.Onnx.Native;
using ModelOps.Runtime;

namespace ModelOps.Onnx;

/// <summary>
/// <see cref="IModelRuntime"/> over ONNX Runtime's C API (our own binding; see <c>Native/OrtApi.cs</c>).
/// The native library and its <c>OrtEnv</c> are loaded once per process, on the first runtime created.
/// </summary>
public sealed class OnnxModelRuntime : IModelRuntime
{
    private readonly OnnxEnvironment _environment;
    private readonly ILogger _logger;

    /// <summary>Loads ONNX Runtime (once per process). Throws <see cref="DllNotFoundException"/> naming the paths tried when it is not found.</summary>
    public OnnxModelRuntime(OnnxRuntimeOptions? options = null, ILogger<OnnxModelRuntime>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _environment = OnnxEnvironment.Get(options ?? new OnnxRuntimeOptions());
        Log.RuntimeLoaded(_logger, _environment.Api.Version, _environment.LibraryPath);
    }

    public string Name => "onnxruntime";

    /// <summary>The native library's <c>GetVersionString</c>, e.g. <c>1.30.0</c>.</summary>
    public string Version => _environment.Api.Version;

    public string Platform => "onnxruntime_onnx";

    /// <summary>The native library this process loaded.</summary>
    public string LibraryPath => _environment.LibraryPath;

    /// <summary>The execution providers compiled into the loaded library (e.g. <c>CPUExecutionProvider</c>).</summary>
    public IReadOnlyList<string> AvailableProviders => _environment.Api.GetAvailableProviders();

    public IModelSession Load(ReadOnlyMemory<byte> model, ModelLoadOptions? options = null)
    {
        options ??= ModelLoadOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.InterOpThreads, nameof(options));
        if (model.IsEmpty)
        {
            throw new ModelLoadException("The model is empty (0 bytes).");
        }

        var api = _environment.Api;
        OrtHandle session;
        var provider = "CPU";
        try
        {
            using var sessionOptions = api.CreateSessionOptions();
            if (options.IntraOpThreads > 0)
            {
                api.SetIntraOpNumThreads(sessionOptions, options.IntraOpThreads);
            }

            if (options.InterOpThreads > 0)
            {
                api.SetInterOpNumThreads(sessionOptions, options.InterOpThreads);
            }

            api.SetGraphOptimizationLevel(sessionOptions, (int)options.OptimizationLevel);
            if (options.ExecutionProvider == ExecutionProvider.Cuda)
            {
                provider = AppendCuda(api, sessionOptions, options) ? "CUDA" : "CPU (CUDA unavailable)";
            }

            session = api.CreateSessionFromArray(_environment.Env, model.Span, sessionOptions);
        }
        catch (OrtException e)
        {
            throw new ModelLoadException($"ONNX Runtime could not load the model: {e.Message}", e);
        }

        try
        {
            var loaded = new OnnxModelSession(api, session, model.Length);
            Log.ModelLoaded(_logger, model.Length, loaded.Signature.Inputs.Count, loaded.Signature.Outputs.Count, provider);
            return loaded;
        }
        catch (OrtException e)
        {
            session.Dispose();
            throw new ModelLoadException($"ONNX Runtime loaded the model but could not describe it: {e.Message}", e);
        }
    }

    private bool AppendCuda(OrtApi api, OrtHandle sessionOptions, ModelLoadOptions options)
    {
        try
        {
            api.AppendCudaExecutionProvider(sessionOptions, options.DeviceId);
            return true;
        }
        catch (OrtException e) when (!options.RequireExecutionProvider)
        {
            Log.CudaFallback(_logger, e.Message);
            return false;
        }
        catch (OrtException e)
        {
            throw new ModelLoadException($"The CUDA execution provider is required but unavailable: {e.Message}", e);
        }
    }
}
