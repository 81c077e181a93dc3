using System.Runtime.InteropServices;
using System.Text;

namespace ModelOps.Onnx.Native;

/// <summary>
/// The ONNX Runtime C API: <c>OrtGetApiBase</c> → <c>GetApi(ORT_API_VERSION)</c> → the <c>OrtApi</c> function table,
/// called through unmanaged function pointers read at the slots <see cref="OrtApiIndex"/> names.
/// </summary>
/// <remarks>
/// Every method that calls a function returning <c>OrtStatus*</c> releases the status and turns a failure into an
/// <see cref="OrtException"/>. Every object created here comes back in an <see cref="OrtHandle"/>.
/// </remarks>
internal sealed unsafe class OrtApi
{
    /// <summary><c>ORT_API_VERSION</c> of the ORT 1.30 header.</summary>
    public const uint ApiVersion = 30;

    private readonly IntPtr* _table;

    private OrtApi(IntPtr library, IntPtr* table, string version)
    {
        Library = library;
        _table = table;
        Version = version;
        IntPtr allocator;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)Fn(OrtApiIndex.GetAllocatorWithDefaultOptions))(&allocator));
        DefaultAllocator = allocator;
    }

    /// <summary>The native library handle (never freed: ORT is loaded once per process).</summary>
    public IntPtr Library { get; }

    /// <summary>The library's own version string, e.g. <c>1.30.0</c>.</summary>
    public string Version { get; }

    /// <summary>ORT's default CPU allocator (owned by ORT; never released).</summary>
    public IntPtr DefaultAllocator { get; }

    /// <summary>Loads the library at <paramref name="path"/> and reads its API table.</summary>
    public static OrtApi Load(string path)
    {
        var library = NativeLibrary.Load(path);
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new InvalidOperationException($"'{path}' does not export OrtGetApiBase; it is not an ONNX Runtime library.");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        var apiBase = (IntPtr*)((delegate* unmanaged[Cdecl]<IntPtr>)getApiBase)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<IntPtr>)apiBase[1])()) ?? string.Empty;
        var table = ((delegate* unmanaged[Cdecl]<uint, IntPtr>)apiBase[0])(ApiVersion);
        if (table == IntPtr.Zero)
        {
            throw new InvalidOperationException(
                $"ONNX Runtime at '{path}' is version {version} and does not provide C API version {ApiVersion} (ORT 1.30 or newer is needed).");
        }

        return new OrtApi(library, (IntPtr*)table, version);
    }

    private IntPtr Fn(OrtApiIndex index) => _table[(int)index];

    // ---- OrtStatus ----

    /// <summary>Throws the <see cref="OrtException"/> a non-null status describes, releasing the status.</summary>
    public void Check(IntPtr status)
    {
        if (status != IntPtr.Zero)
        {
            throw ToException(status);
        }
    }

    /// <summary>Reads a status's code and message into an exception and releases the status.</summary>
    public OrtException ToException(IntPtr status)
    {
        try
        {
            var code = ((delegate* unmanaged[Cdecl]<IntPtr, int>)Fn(OrtApiIndex.GetErrorCode))(status);
            var message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)Fn(OrtApiIndex.GetErrorMessage))(status));
            return new OrtException((OrtErrorCode)code, message ?? string.Empty);
        }
        finally
        {
            ((delegate* unmanaged[Cdecl]<IntPtr, void>)Fn(OrtApiIndex.ReleaseStatus))(status);
        }
    }

    /// <summary>Creates a status (used to check the table: CreateStatus → GetErrorCode/GetErrorMessage → ReleaseStatus).</summary>
    public IntPtr CreateStatus(OrtErrorCode code, string message)
    {
        var bytes = Utf8Z(message);
        fixed (byte* p = bytes)
        {
            return ((delegate* unmanaged[Cdecl]<int, byte*, IntPtr>)Fn(OrtApiIndex.CreateStatus))((int)code, p);
        }
    }

    // ---- Release ----

    public void Release(OrtObjectKind kind, IntPtr pointer)
    {
        if (kind == OrtObjectKind.AllocatorMemory)
        {
            // Called from SafeHandle.ReleaseHandle, so it must not throw: a failed free is dropped with its status.
            ReleaseStatus(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)Fn(OrtApiIndex.AllocatorFree))(DefaultAllocator, pointer));
            return;
        }

        var index = kind switch
        {
            OrtObjectKind.Env => OrtApiIndex.ReleaseEnv,
            OrtObjectKind.SessionOptions => OrtApiIndex.ReleaseSessionOptions,
            OrtObjectKind.Session => OrtApiIndex.ReleaseSession,
            OrtObjectKind.Value => OrtApiIndex.ReleaseValue,
            OrtObjectKind.MemoryInfo => OrtApiIndex.ReleaseMemoryInfo,
            OrtObjectKind.TypeInfo => OrtApiIndex.ReleaseTypeInfo,
            OrtObjectKind.TensorTypeAndShapeInfo => OrtApiIndex.ReleaseTensorTypeAndShapeInfo,
            OrtObjectKind.RunOptions => OrtApiIndex.ReleaseRunOptions,
            OrtObjectKind.ModelMetadata => OrtApiIndex.ReleaseModelMetadata,
            OrtObjectKind.CudaProviderOptions => OrtApiIndex.ReleaseCUDAProviderOptions,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        ((delegate* unmanaged[Cdecl]<IntPtr, void>)Fn(index))(pointer);
    }

    /// <summary>Reads a string ORT allocated with the default allocator, then frees it.</summary>
    public string TakeAllocatedString(IntPtr pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            return string.Empty;
        }

        using var owned = new OrtHandle(this, OrtObjectKind.AllocatorMemory, pointer);
        return Marshal.PtrToStringUTF8(pointer) ?? string.Empty;
    }

    // ---- Env, options ----

    public OrtHandle CreateEnv(int logSeverity, string logId)
    {
        var id = Utf8Z(logId);
        IntPtr env;
        fixed (byte* p = id)
        {
            Check(((delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateEnv))(logSeverity, p, &env));
        }

        return new OrtHandle(this, OrtObjectKind.Env, env);
    }

    public OrtHandle CreateSessionOptions()
    {
        IntPtr options;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateSessionOptions))(&options));
        return new OrtHandle(this, OrtObjectKind.SessionOptions, options);
    }

    public void SetIntraOpNumThreads(OrtHandle options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)Fn(OrtApiIndex.SetIntraOpNumThreads))(options.Pointer, threads));

    public void SetInterOpNumThreads(OrtHandle options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)Fn(OrtApiIndex.SetInterOpNumThreads))(options.Pointer, threads));

    public void SetGraphOptimizationLevel(OrtHandle options, int level) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)Fn(OrtApiIndex.SetSessionGraphOptimizationLevel))(options.Pointer, level));

    /// <summary>Appends the CUDA provider (V2 options: device_id). Throws when this build or machine cannot provide it.</summary>
    public void AppendCudaExecutionProvider(OrtHandle options, int deviceId)
    {
        IntPtr cudaOptions;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateCUDAProviderOptions))(&cudaOptions));
        using var owned = new OrtHandle(this, OrtObjectKind.CudaProviderOptions, cudaOptions);
        var key = Utf8Z("device_id");
        var value = Utf8Z(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            var keys = stackalloc byte*[1] { k };
            var values = stackalloc byte*[1] { v };
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr>)Fn(OrtApiIndex.UpdateCUDAProviderOptions))(
                cudaOptions, keys, values, 1));
        }

        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)Fn(OrtApiIndex.SessionOptionsAppendExecutionProvider_CUDA_V2))(
            options.Pointer, cudaOptions));
    }

    /// <summary>The execution providers compiled into this library (e.g. <c>CPUExecutionProvider</c>).</summary>
    public IReadOnlyList<string> GetAvailableProviders()
    {
        IntPtr* names;
        int count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr**, int*, IntPtr>)Fn(OrtApiIndex.GetAvailableProviders))(&names, &count));
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8(names[i]) ?? string.Empty;
            }

            return result;
        }
        finally
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr*, int, IntPtr>)Fn(OrtApiIndex.ReleaseAvailableProviders))(names, count));
        }
    }

    // ---- Session ----

    public OrtHandle CreateSessionFromArray(OrtHandle env, ReadOnlySpan<byte> model, OrtHandle options)
    {
        IntPtr session;
        fixed (byte* p = model)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, IntPtr, IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateSessionFromArray))(
                env.Pointer, p, (nuint)model.Length, options.Pointer, &session));
        }

        return new OrtHandle(this, OrtObjectKind.Session, session);
    }

    public int SessionGetCount(OrtHandle session, bool inputs)
    {
        nuint count;
        var index = inputs ? OrtApiIndex.SessionGetInputCount : OrtApiIndex.SessionGetOutputCount;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)Fn(index))(session.Pointer, &count));
        return checked((int)count);
    }

    public string SessionGetName(OrtHandle session, bool input, int index)
    {
        IntPtr name;
        var fn = input ? OrtApiIndex.SessionGetInputName : OrtApiIndex.SessionGetOutputName;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)Fn(fn))(session.Pointer, (nuint)index, DefaultAllocator, &name));
        return TakeAllocatedString(name);
    }

    public OrtHandle SessionGetTypeInfo(OrtHandle session, bool input, int index)
    {
        IntPtr info;
        var fn = input ? OrtApiIndex.SessionGetInputTypeInfo : OrtApiIndex.SessionGetOutputTypeInfo;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)Fn(fn))(session.Pointer, (nuint)index, &info));
        return new OrtHandle(this, OrtObjectKind.TypeInfo, info);
    }

    // ---- Type info (the returned casts are borrowed pointers into the type info) ----

    public int GetOnnxTypeFromTypeInfo(IntPtr typeInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)Fn(OrtApiIndex.GetOnnxTypeFromTypeInfo))(typeInfo, &type));
        return type;
    }

    public IntPtr CastTypeInfoToTensorInfo(IntPtr typeInfo) => Cast(OrtApiIndex.CastTypeInfoToTensorInfo, typeInfo);

    public IntPtr CastTypeInfoToMapTypeInfo(IntPtr typeInfo) => Cast(OrtApiIndex.CastTypeInfoToMapTypeInfo, typeInfo);

    public IntPtr CastTypeInfoToSequenceTypeInfo(IntPtr typeInfo) => Cast(OrtApiIndex.CastTypeInfoToSequenceTypeInfo, typeInfo);

    private IntPtr Cast(OrtApiIndex index, IntPtr typeInfo)
    {
        IntPtr result;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)Fn(index))(typeInfo, &result));
        return result;
    }

    public int GetTensorElementType(IntPtr tensorInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)Fn(OrtApiIndex.GetTensorElementType))(tensorInfo, &type));
        return type;
    }

    public long[] GetDimensions(IntPtr tensorInfo)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)Fn(OrtApiIndex.GetDimensionsCount))(tensorInfo, &count));
        if (count == 0)
        {
            return [];
        }

        var dims = new long[(int)count];
        fixed (long* p = dims)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr>)Fn(OrtApiIndex.GetDimensions))(tensorInfo, p, count));
        }

        return dims;
    }

    public int GetMapKeyType(IntPtr mapInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)Fn(OrtApiIndex.GetMapKeyType))(mapInfo, &type));
        return type;
    }

    public OrtHandle GetMapValueType(IntPtr mapInfo)
    {
        IntPtr info;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)Fn(OrtApiIndex.GetMapValueType))(mapInfo, &info));
        return new OrtHandle(this, OrtObjectKind.TypeInfo, info);
    }

    public OrtHandle GetSequenceElementType(IntPtr sequenceInfo)
    {
        IntPtr info;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)Fn(OrtApiIndex.GetSequenceElementType))(sequenceInfo, &info));
        return new OrtHandle(this, OrtObjectKind.TypeInfo, info);
    }

    // ---- Model metadata ----

    public OrtHandle SessionGetModelMetadata(OrtHandle session)
    {
        IntPtr metadata;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)Fn(OrtApiIndex.SessionGetModelMetadata))(session.Pointer, &metadata));
        return new OrtHandle(this, OrtObjectKind.ModelMetadata, metadata);
    }

    public string ModelMetadataGetString(OrtHandle metadata, OrtApiIndex getter)
    {
        IntPtr value;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr>)Fn(getter))(metadata.Pointer, DefaultAllocator, &value));
        return TakeAllocatedString(value);
    }

    public long ModelMetadataGetVersion(OrtHandle metadata)
    {
        long version;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, long*, IntPtr>)Fn(OrtApiIndex.ModelMetadataGetVersion))(metadata.Pointer, &version));
        return version;
    }

    public Dictionary<string, string> ModelMetadataGetCustom(OrtHandle metadata)
    {
        IntPtr* keys;
        long count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr**, long*, IntPtr>)Fn(OrtApiIndex.ModelMetadataGetCustomMetadataMapKeys))(
            metadata.Pointer, DefaultAllocator, &keys, &count));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys == null)
        {
            return result;
        }

        using var keyArray = new OrtHandle(this, OrtObjectKind.AllocatorMemory, (IntPtr)keys);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = TakeAllocatedString(keys[i]);
        }

        foreach (var name in names)
        {
            var key = Utf8Z(name);
            IntPtr value;
            fixed (byte* k = key)
            {
                Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, IntPtr*, IntPtr>)Fn(OrtApiIndex.ModelMetadataLookupCustomMetadataMap))(
                    metadata.Pointer, DefaultAllocator, k, &value));
            }

            result[name] = TakeAllocatedString(value);
        }

        return result;
    }

    // ---- Run ----

    public OrtHandle CreateRunOptions()
    {
        IntPtr options;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateRunOptions))(&options));
        return new OrtHandle(this, OrtObjectKind.RunOptions, options);
    }

    /// <summary>Asks a run using <paramref name="runOptions"/> to stop; never throws (it runs in a cancellation callback).</summary>
    public void RunOptionsSetTerminate(IntPtr runOptions) =>
        ReleaseStatus(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)Fn(OrtApiIndex.RunOptionsSetTerminate))(runOptions));

    private void ReleaseStatus(IntPtr status)
    {
        if (status != IntPtr.Zero)
        {
            ((delegate* unmanaged[Cdecl]<IntPtr, void>)Fn(OrtApiIndex.ReleaseStatus))(status);
        }
    }

    /// <summary>Calls <c>OrtApi::Run</c>; returns the status (not checked) so the caller can map it.</summary>
    public IntPtr Run(
        IntPtr session, IntPtr runOptions, IntPtr* inputNames, IntPtr* inputs, int inputCount, IntPtr* outputNames, int outputCount, IntPtr* outputs) =>
        ((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)Fn(OrtApiIndex.Run))(
            session, runOptions, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs);

    // ---- Values ----

    public OrtHandle CreateCpuMemoryInfo()
    {
        IntPtr info;

        // OrtDeviceAllocator = 0, OrtMemTypeDefault = 0.
        Check(((delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateCpuMemoryInfo))(0, 0, &info));
        return new OrtHandle(this, OrtObjectKind.MemoryInfo, info);
    }

    /// <summary>A tensor over caller memory (not copied; the memory must stay pinned while the value lives).</summary>
    public IntPtr CreateTensorWithData(IntPtr memoryInfo, void* data, long byteLength, long* shape, int rank, int elementType)
    {
        IntPtr value;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateTensorWithDataAsOrtValue))(
            memoryInfo, data, (nuint)byteLength, shape, (nuint)rank, elementType, &value));
        return value;
    }

    /// <summary>A tensor ORT allocates with its default allocator.</summary>
    public IntPtr CreateTensor(long* shape, int rank, int elementType)
    {
        IntPtr value;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, int, IntPtr*, IntPtr>)Fn(OrtApiIndex.CreateTensorAsOrtValue))(
            DefaultAllocator, shape, (nuint)rank, elementType, &value));
        return value;
    }

    public void FillStringTensor(IntPtr value, byte** strings, int count) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, byte**, nuint, IntPtr>)Fn(OrtApiIndex.FillStringTensor))(value, strings, (nuint)count));

    public long GetStringTensorDataLength(IntPtr value)
    {
        nuint length;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)Fn(OrtApiIndex.GetStringTensorDataLength))(value, &length));
        return (long)length;
    }

    public void GetStringTensorContent(IntPtr value, byte* buffer, long length, nuint* offsets, int count) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, nuint*, nuint, IntPtr>)Fn(OrtApiIndex.GetStringTensorContent))(
            value, buffer, (nuint)length, offsets, (nuint)count));

    public void* GetTensorMutableData(IntPtr value)
    {
        void* data;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr>)Fn(OrtApiIndex.GetTensorMutableData))(value, &data));
        return data;
    }

    public OrtHandle GetTensorTypeAndShape(IntPtr value)
    {
        IntPtr info;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)Fn(OrtApiIndex.GetTensorTypeAndShape))(value, &info));
        return new OrtHandle(this, OrtObjectKind.TensorTypeAndShapeInfo, info);
    }

    public int GetValueType(IntPtr value)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)Fn(OrtApiIndex.GetValueType))(value, &type));
        return type;
    }

    public int GetValueCount(IntPtr value)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)Fn(OrtApiIndex.GetValueCount))(value, &count));
        return checked((int)count);
    }

    public OrtHandle GetValue(IntPtr value, int index)
    {
        IntPtr element;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr, IntPtr*, IntPtr>)Fn(OrtApiIndex.GetValue))(value, index, DefaultAllocator, &element));
        return new OrtHandle(this, OrtObjectKind.Value, element);
    }

    public void ReleaseValue(IntPtr value) => ((delegate* unmanaged[Cdecl]<IntPtr, void>)Fn(OrtApiIndex.ReleaseValue))(value);

    /// <summary>A null-terminated UTF-8 copy of <paramref name="text"/>.</summary>
    public static byte[] Utf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
