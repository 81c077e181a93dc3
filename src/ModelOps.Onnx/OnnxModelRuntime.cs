using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using ModelOps.Runtime;
using OrtGraphOptimizationLevel = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel;

namespace ModelOps.Onnx;

/// <summary>
/// <see cref="IModelRuntime"/> over ONNX Runtime's .NET API (Microsoft.ML.OnnxRuntime, whose native library ships in
/// the package). ORT's process-wide environment is created by the first runtime, with that runtime's options.
/// </summary>
public sealed class OnnxModelRuntime : IModelRuntime
{
    private static readonly Lock EnvironmentGate = new();

    private readonly ILogger _logger;

    /// <summary>Why the CUDA provider could not be used, once a load has found out; later loads go straight to CPU.</summary>
    private string? _cudaUnavailable;
    private int _cudaFallbackLogged;

    /// <summary>Sets up ONNX Runtime's environment (once per process) and logs the version and providers.</summary>
    public OnnxModelRuntime(OnnxRuntimeOptions? options = null, ILogger<OnnxModelRuntime>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var environment = Environment(options ?? new OnnxRuntimeOptions());
        Version = environment.GetVersionString();
        AvailableProviders = environment.GetAvailableProviders();
        Log.RuntimeLoaded(_logger, Version, string.Join(", ", AvailableProviders));
    }

    public string Name => "onnxruntime";

    /// <summary>The native library's version, e.g. <c>1.32.0</c>.</summary>
    public string Version { get; }

    public string Platform => "onnxruntime_onnx";

    /// <summary>The execution providers compiled into the native library (e.g. <c>CPUExecutionProvider</c>).</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    public IModelSession Load(ReadOnlyMemory<byte> model, ModelLoadOptions? options = null)
    {
        options ??= ModelLoadOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.InterOpThreads, nameof(options));
        if (model.IsEmpty)
        {
            throw new ModelLoadException("The model is empty (0 bytes).");
        }

        var bytes = MemoryMarshal.TryGetArray(model, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : model.ToArray();
        var wantsCuda = options.ExecutionProvider == ExecutionProvider.Cuda;
        InferenceSession session;
        var provider = "CPU";
        try
        {
            session = wantsCuda ? CreateOnCuda(bytes, options, out provider) : Create(bytes, options, cuda: false);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"ONNX Runtime could not load the model: {OrtError.From(e).Message}", e);
        }

        try
        {
            var loaded = new OnnxModelSession(session, model.Length, _logger);
            Log.ModelLoaded(_logger, model.Length, loaded.Signature.Inputs.Count, loaded.Signature.Outputs.Count, provider, loaded.PreBindsOutputs);
            return loaded;
        }
        catch (OnnxRuntimeException e)
        {
            session.Dispose();
            throw new ModelLoadException($"ONNX Runtime loaded the model but could not describe it: {OrtError.From(e).Message}", e);
        }
    }

    /// <summary>
    /// A session on the CUDA provider, or, when the provider cannot be used (its library or CUDA's are missing, or
    /// there is no device), on CPU after one warning for the runtime, unless the options require the provider.
    /// </summary>
    private InferenceSession CreateOnCuda(byte[] model, ModelLoadOptions options, out string provider)
    {
        if (Volatile.Read(ref _cudaUnavailable) is null)
        {
            try
            {
                provider = "CUDA";
                return Create(model, options, cuda: true);
            }
            catch (CudaUnavailableException e)
            {
                Interlocked.CompareExchange(ref _cudaUnavailable, e.Message, null);
            }
            catch (OnnxRuntimeException e) when (LoadsOnCpu(model, options))
            {
                Interlocked.CompareExchange(ref _cudaUnavailable, OrtError.From(e).Message, null);
            }
        }

        if (options.RequireExecutionProvider)
        {
            throw new ModelLoadException($"The CUDA execution provider is required but unavailable: {_cudaUnavailable}");
        }

        if (Interlocked.Exchange(ref _cudaFallbackLogged, 1) == 0)
        {
            Log.CudaFallback(_logger, _cudaUnavailable!);
        }

        provider = "CPU (CUDA unavailable)";
        return Create(model, options, cuda: false);
    }

    /// <summary>
    /// True when the model loads on CPU, so a failure to load it on CUDA was CUDA's (no device, a CUDA library missing);
    /// a model ORT rejects anyway fails the same way here, and that error is the one to report.
    /// </summary>
    private static bool LoadsOnCpu(byte[] model, ModelLoadOptions options)
    {
        try
        {
            Create(model, options, cuda: false).Dispose();
            return true;
        }
        catch (OnnxRuntimeException)
        {
            return false;
        }
    }

    private static InferenceSession Create(byte[] model, ModelLoadOptions options, bool cuda)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = options.OptimizationLevel switch
            {
                Runtime.GraphOptimizationLevel.None => OrtGraphOptimizationLevel.ORT_DISABLE_ALL,
                Runtime.GraphOptimizationLevel.Basic => OrtGraphOptimizationLevel.ORT_ENABLE_BASIC,
                Runtime.GraphOptimizationLevel.Extended => OrtGraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => OrtGraphOptimizationLevel.ORT_ENABLE_ALL,
            },
        };
        if (options.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
        }

        if (options.InterOpThreads > 0)
        {
            sessionOptions.InterOpNumThreads = options.InterOpThreads;
        }

        if (cuda)
        {
            try
            {
                using var cudaOptions = new OrtCUDAProviderOptions();
                cudaOptions.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = options.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
                sessionOptions.AppendExecutionProvider_CUDA(cudaOptions);
            }
            catch (OnnxRuntimeException e)
            {
                throw new CudaUnavailableException(OrtError.From(e).Message, e);
            }
        }

        return new InferenceSession(model, sessionOptions);
    }

    private static OrtEnv Environment(OnnxRuntimeOptions options)
    {
        lock (EnvironmentGate)
        {
            if (OrtEnv.IsCreated)
            {
                return OrtEnv.Instance();
            }

            var creation = new EnvironmentCreationOptions
            {
                logId = "modelops",
                logLevel = (OrtLoggingLevel)Math.Clamp(options.LogSeverityLevel, 0, 4),
            };
            return OrtEnv.CreateInstanceWithOptions(ref creation);
        }
    }
}
